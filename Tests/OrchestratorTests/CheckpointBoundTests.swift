import EventLog
import InstallModel
@testable import Orchestrator
import Testing

/// A checkpoint is stored whole when it fits a record and in parts when it does not (FORMAT.md §7.8), in a store
/// that may hold parts, and one that fits is never left out.
struct CheckpointBoundTests {
    struct Clock: EventClock {
        func now() -> Timestamp { Timestamp(microseconds: 1_000) }
    }

    @Test(arguments: 1...12 as ClosedRange<UInt64>)
    func aCheckpointIsStoredWholeOrInPartsAndLeftOutUnencodedOnlyWhenItCouldNotFit(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        let count = [200, 6_000, 9_000, 12_000][Int(seed % 4)] + Int(generator.next() % 500)
        let plan = EventPartsTests.plan(steps: count, seed: seed)
        let store = MemoryEventStore()
        let recorder = EventRecorder(store: store, clock: Clock())
        try recorder.record(.planCreated(plan))
        try recorder.record(.planStarted)
        for index in 0..<Int(generator.next() % 20) {
            try recorder.record(.stepStarted(step: StepID("step-\(index)"), attempt: 1, command: ["true"]))
            try recorder.record(.stepDone(step: StepID("step-\(index)"), exitCode: 0, durationMicros: 1, note: nil))
        }
        let snapshot = Event(sequence: recorder.state.lastSequence + 1, time: Timestamp(microseconds: 1_000), body: .checkpoint(recorder.state))
        let payload = try EventPayload.encode(snapshot)
        let fits = payload.count <= LogFormat.recordBytesMax
        #expect(recorder.checkpointMayFit(), "\(count) steps")
        let before = store.records.count
        try recorder.checkpoint()
        let parts = (payload.count + EventParts.pieceBytes - 1) / EventParts.pieceBytes
        #expect(store.records.count == before + (fits ? 1 : parts), "\(count) steps, \(payload.count) bytes")
        #expect(PlanState.fold(try store.events()) == recorder.state)
    }
}
