import EventLog
import Foundation
import InstallModel
import Orchestrator
import Sealing
import Testing

/// trust20 #1's leftover: the checkpoint of a plan of thousands of steps is larger than a record. It is stored as parts
/// (FORMAT.md §7.8), flagged on its first part and, in a sealed log, sealed after its last, so that `status`
/// (`PlanLog.sealedFold`, from `eventsFromLastCheckpoint`) starts there instead of folding the whole log.
struct CheckpointPartsTests {
    struct Clock: EventClock {
        func now() -> Timestamp { Timestamp(microseconds: 1_767_225_600_000_000) }
    }

    /// A generated plan of 13,000 steps run to its end, each step started, printing and done, recorded into a log
    /// (`sealed`: through the sealing store, as a run with a host key records it).
    @Test(arguments: [false, true])
    func aCheckpointOfAThirteenThousandStepPlanIsStoredInPartsAndStatusStartsThere(sealed: Bool) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("evlog-cp-parts-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let plan = EventPartsTests.plan(steps: 13_000, seed: 13)
        let writer = try PlanArchive(home: directory).create(plan, createdAt: Timestamp(microseconds: 1))
        #expect(writer.header.mayHoldEventParts, "a log whose checkpoints need parts is created able to hold them")
        let plain = LogEventStore(writer: writer)
        let store: any EventStore = sealed ? try SealingEventStore.forLog(writer, key: try HostKey.generate(in: directory + "/key")) : plain
        let recorder = EventRecorder(store: store, clock: Clock())
        try recorder.record(.planCreated(plan))
        try recorder.record(.planStarted)
        for step in plan.steps {
            try recorder.record(.stepStarted(step: step.id, attempt: 1, command: ["printf"]))
            try recorder.record(.outputChunk(step: step.id, stream: .stdout, data: Array("\(step.id.rawValue) ok\n".utf8), redacted: false))
            try recorder.record(.stepDone(step: step.id, exitCode: 0, durationMicros: 7, note: nil))
        }
        try recorder.record(.planDone)
        try recorder.close()
        // Read outside a home's plans/, where no home vouches for the log or not: only its own records and seals count.
        let path = directory + "/read.evlog"
        try FileManager.default.moveItem(atPath: writer.path, toPath: path)

        // The log holds checkpoints, some of them in parts, each record within the limit; flags only on first parts.
        var (flagged, flaggedParts, largest) = (0, 0, 0)
        try LogReader(path: path).forEachRecord { _, isCheckpoint, payload in
            largest = max(largest, payload.count)
            guard isCheckpoint else { return }
            flagged += 1
            if EventParts.firstPartSequence(payload) != nil { flaggedParts += 1 }
        }
        #expect(largest <= LogFormat.recordBytesMax)
        #expect(flaggedParts > 0, "no checkpoint in parts: \(flagged) flagged records")

        let log = PlanLog(path: path)
        let all = Array(try log.events())
        let checkpoints = all.filter { if case .checkpoint = $0.body { true } else { false } }
        let last = try #require(checkpoints.last)
        let first = try #require(log.eventsFromLastCheckpoint().next())
        #expect(first.sequence == last.sequence, "status starts at event \(first.sequence), the last checkpoint is \(last.sequence)")
        if case .checkpoint = first.body {} else { Issue.record("status starts at a \(first.body.typeName), not at a checkpoint") }
        let state = try log.stateFromLastCheckpoint()
        // The same steps and status folding the whole log gives (a seal is no event of the recorder's: counts aside).
        let whole = PlanState.fold(all)
        #expect(state.steps == whole.steps && state.status == whole.status)
        #expect(state.status == .done && state.steps.allSatisfy { $0.status == .done })
        // Time travel lands on the checkpoint at or before a point, in parts too.
        let earlier = try #require(log.eventsFromCheckpoint(atOrBefore: last.sequence - 1).next())
        #expect(earlier.sequence < last.sequence)
    }

    /// Parts that do not join (the log cut inside a checkpoint's parts) are no place to start: the reader falls back
    /// to the checkpoint before, or the first record, and folds the same state.
    @Test func aCheckpointWhosePartsAreCutOffIsPassedOver() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("evlog-cp-cut-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let plan = EventPartsTests.plan(steps: 13_000, seed: 14)
        let writer = try PlanArchive(home: directory).create(plan, createdAt: Timestamp(microseconds: 1))
        let recorder = EventRecorder(store: LogEventStore(writer: writer), clock: Clock())
        try recorder.record(.planCreated(plan))
        try recorder.record(.planStarted)
        try recorder.record(.stepStarted(step: plan.steps[0].id, attempt: 1, command: ["printf"]))
        try recorder.checkpoint()
        try recorder.close()
        // Keep the checkpoint's first part, flagged, and drop the rest.
        var records: [(payload: [UInt8], checkpoint: Bool)] = []
        try LogReader(path: writer.path).forEachRecord { _, isCheckpoint, payload in records.append((Array(payload), isCheckpoint)) }
        let cut = try #require(records.firstIndex { $0.checkpoint })
        #expect(EventParts.partsFollowing(records[cut].payload) > 0)
        let path = directory + "/cut.evlog"
        let header = try LogReader(path: writer.path).header
        let copy = try LogWriter.open(path: path, label: header.label, creator: header.creator, createdAtMicros: header.createdAtMicros, mayHoldEventParts: true)
        for record in records[...cut] { try copy.append(record.payload, checkpoint: record.checkpoint) }
        try copy.close()
        let log = PlanLog(path: path)
        let first = try #require(log.eventsFromLastCheckpoint().next())
        if case .planCreated = first.body {} else { Issue.record("started at a \(first.body.typeName)") }
        #expect(try log.stateFromLastCheckpoint().step(plan.steps[0].id)?.status == .running)
    }
}
