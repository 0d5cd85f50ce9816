import EventLog
import Foundation
import InstallModel
import Orchestrator

/// A plan's log written event by event straight into a `LogWriter`, with no recorder between: what it stores
/// is what it is given (output no policy redacted, a checkpoint whose state says what the test makes it say),
/// as another evlog or a hand-edited log might hold it.
final class HandWrittenLog {
    let home: String
    let id = PlanID("p-handwritten01")
    let step = StepID("install-tool")
    /// A second step of the plan, whose output may come between the first's.
    let other = StepID("build-docs")
    private let writer: LogWriter
    private var events: [Event] = []

    init(creator: String, blockBytes: Int = 4096) throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("evlog-serve-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: home + "/plans", withIntermediateDirectories: true)
        writer = try LogWriter.open(
            path: PlanArchive(home: home).logPath(for: id), label: id.rawValue, creator: creator, createdAtMicros: 1,
            options: LogWriterOptions(blockBytesTarget: blockBytes))
        try append(.planCreated(RecordedPlan.plan(id, step, others: [other])))
        try append(.planStarted)
        try append(.stepStarted(step: step, attempt: 1, command: ["true"]))
        try append(.stepStarted(step: other, attempt: 1, command: ["true"]))
    }

    /// Stores one event, numbered after the last; `checkpoint` flags its record as one.
    func append(_ body: EventBody, checkpoint: Bool = false) throws {
        let event = Event(sequence: UInt64(events.count + 1), time: Timestamp(microseconds: 1_767_225_600_000_000), body: body)
        try writer.append(try EventPayload.encode(event), checkpoint: checkpoint)
        events.append(event)
    }

    /// Stores a checkpoint of the state the events so far fold to, after `edit` changed it.
    func checkpoint(_ edit: (inout PlanState) -> Void = { _ in }) throws {
        var state = PlanState.fold(events)
        edit(&state)
        try append(.checkpoint(state), checkpoint: true)
    }

    func close() throws { try writer.close() }

    /// The number of the last event stored.
    var lastSequence: UInt64 { events.last?.sequence ?? 0 }

    var log: PlanLog { PlanLog(path: PlanArchive(home: home).logPath(for: id)) }

    deinit { try? FileManager.default.removeItem(atPath: home) }
}
