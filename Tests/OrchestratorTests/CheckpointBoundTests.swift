import EventLog
import InstallModel
@testable import Orchestrator
import Testing

/// A checkpoint that cannot fit a record is not even encoded (encoding the state of a plan of 12,000
/// steps held it several times over: most of a reproduction's 150 MB), and one that fits is never left out.
struct CheckpointBoundTests {
    struct Clock: EventClock {
        func now() -> Timestamp { Timestamp(microseconds: 1_000) }
    }

    @Test(arguments: 1...12 as ClosedRange<UInt64>)
    func aCheckpointIsLeftOutUnencodedOnlyWhenItCouldNotFit(seed: UInt64) throws {
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
        let fits = try EventPayload.encode(snapshot).count <= LogFormat.recordBytesMax
        // Never left out when it fits; at 12,000 steps it does not, and is not encoded.
        if fits { #expect(recorder.checkpointMayFit(), "\(count) steps") }
        if count >= 12_000 { #expect(!recorder.checkpointMayFit(), "\(count) steps") }
        let before = store.records.count
        try recorder.checkpoint()
        #expect(store.records.count == before + (fits ? 1 : 0))
    }
}
