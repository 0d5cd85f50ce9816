import EventLog
import InstallModel
import Orchestrator

/// Where one step's output bytes lie in a plan's log, for its raw download (`RawOutput`): how many there are,
/// and where to start reading to reach any one of them without reading the log from its start.
///
/// The count starts at the last checkpoint, whose state holds the bytes each step printed so far, and reads
/// on from there, noting the step's count at the start of each block it enters: a byte after the checkpoint
/// is read from the block that holds it (the last 100 bytes of a 256 MB plan decode its last block), one
/// before it from the last checkpoint that counts no more. A log this evlog reads through another revision
/// of the secret policy (`PlanEventStream.readsAsStored`) is counted from its start: its checkpoints count
/// the bytes as stored, not as read.
struct StepOutputIndex: Sendable {
    let log: PlanLog
    let step: StepID
    /// The step's output bytes in the log when it was counted.
    let total: Int64
    /// Whether the plan has the step (a plan that never had it has no output of it, not an empty one).
    let known: Bool
    private let blocks: LogBlocks
    /// The step's output bytes before each block entered while counting, by block, in block order.
    private let bytesBeforeBlock: [(block: Int, bytes: Int64)]
    /// Whether the checkpoints may be trusted for the step's count (the log is read as stored).
    private var checkpointsCount: Bool

    init(_ log: PlanLog, step: StepID, reads: PolicyReads = .shared) throws {
        self.log = log
        self.step = step
        blocks = try LogBlocks(log, reads: reads)
        let starts = blocks.starts
        var events = try log.eventsFromLastCheckpoint()
        var total: Int64 = 0
        var known = false
        var first = events.next()
        checkpointsCount = events.readsAsStored
        if case .checkpoint(let snapshot)? = first?.body {
            if checkpointsCount, let counted = Self.bytes(of: step, in: snapshot) {
                // A step the state lacks had no output before it: a remediation brings it in later.
                total = counted ?? 0
                known = counted != nil
                first = events.next()
            } else {
                checkpointsCount = false
                events = try log.events()
                first = events.next()
            }
        }
        var block = first == nil ? starts.count : Self.block(holding: events.nextRecordIndex - 1, in: starts)
        var entered: [(block: Int, bytes: Int64)] = []
        var event = first
        while let current = event {
            let record = events.nextRecordIndex - 1
            while block + 1 < starts.count, starts[block + 1].firstRecordIndex <= record {
                block += 1
                entered.append((block, total))
            }
            if case .outputChunk(step, _, let data, _) = current.body { total += Int64(data.count) }
            known = known || current.body.stepID == step || Self.creates(current.body, step)
            event = events.next()
        }
        self.total = total
        self.known = known
        bytesBeforeBlock = entered
    }

    /// The step's chunks from the one holding byte `offset` of its output (or an earlier one) on.
    func chunks(from offset: Int64) throws -> StepChunks {
        if let entered = bytesBeforeBlock.last(where: { $0.bytes <= offset }) {
            return StepChunks(try blocks.events(from: entered.block), step: step, offset: entered.bytes)
        }
        guard checkpointsCount else { return StepChunks(try log.events(), step: step, offset: 0) }
        let events = try log.eventsFromLastCheckpoint { [step] event in
            guard case .checkpoint(let snapshot) = event.body, case let counted?? = Self.bytes(of: step, in: snapshot) else { return false }
            return counted <= offset
        }
        let first = events.next()
        if case .checkpoint(let snapshot)? = first?.body, case let counted?? = Self.bytes(of: step, in: snapshot) {
            return StepChunks(events, step: step, offset: counted)
        }
        // No checkpoint counts few enough: the log's first event, read from the start.
        return StepChunks(events, step: step, offset: 0, pending: first)
    }

    /// The output bytes a checkpoint's state counts for `step`: `.some(nil)` when the state has no such step,
    /// nil when its counts cannot be so (a log is input: a count below zero or past a petabyte is not taken).
    private static func bytes(of step: StepID, in snapshot: PlanState) -> Int64?? {
        guard let counted = snapshot.step(step) else { return .some(nil) }
        let plausible = 0...(Int64(1) << 50)
        guard plausible.contains(counted.stdoutBytes), plausible.contains(counted.stderrBytes) else { return nil }
        return counted.stdoutBytes + counted.stderrBytes
    }

    /// The block whose records include the `record`th (the last block that starts at or before it).
    private static func block(holding record: UInt64, in starts: [BlockStart]) -> Int {
        var low = 0, high = starts.count
        while low < high {
            let middle = (low + high) / 2
            if starts[middle].firstRecordIndex <= record { low = middle + 1 } else { high = middle }
        }
        return max(low - 1, 0)
    }

    /// Whether `body` is the plan's creation or a remediation that brings in a step named `step`.
    private static func creates(_ body: EventBody, _ step: StepID) -> Bool {
        switch body {
        case .planCreated(let plan): plan.steps.contains { $0.id == step }
        case .remediationApplied(_, _, let newSteps, let retriedAs): newSteps.contains { $0.id == step } || retriedAs?.id == step
        default: false
        }
    }
}

/// One step's output chunks read on from a place `StepOutputIndex` found, each with the offset of its first
/// byte in the step's output. Other events are passed over, giving other requests their turn as they are read.
struct StepChunks {
    private let events: PlanEventStream
    private let step: StepID
    private var pending: Event?
    /// The step's output bytes before the next chunk.
    private var offset: Int64

    init(_ events: PlanEventStream, step: StepID, offset: Int64, pending: Event? = nil) {
        self.events = events
        self.step = step
        self.offset = offset
        self.pending = pending
    }

    /// The next chunk of the step and its offset; nil at the log's end (or its damage).
    mutating func next(_ turns: inout ReadTurns) async -> (offset: Int64, data: [UInt8])? {
        while let event = pending ?? events.next() {
            pending = nil
            await turns.took()
            guard case .outputChunk(step, _, let data, _) = event.body else { continue }
            defer { offset += Int64(data.count) }
            return (offset, data)
        }
        return nil
    }
}
