import EventLog
import Orchestrator
import Synchronization

/// The policy states of the logs the server reads through the secret policy (`PolicyCheckpoints`), kept by
/// path for the `logsMax` logs read last, and the work such reads did (`PolicyWork`).
///
/// A read from a block k of such a log goes on from the nearest state kept at or before k when it lies within
/// `contextBytes` of decoded records before k; else it starts `contextBytes` before k, knowing what the policy
/// learned by the state before (the values command lines gave as secret) but nothing of the output streams
/// there (far more than any private key or held value spans; a log's end opens without reading its start). On
/// its way it keeps the state at each block's start (at every few blocks' of a log of more than `statesMax`),
/// so a read of a block passed already starts there: paging back over a log reads each block about twice.
final class PolicyReads: Sendable {
    /// The server's: every page, stream and download of its logs shares it.
    static let shared = PolicyReads()
    /// Decoded bytes of records a read from a block passes through first at most when no state is kept nearer.
    static let contextBytes = 2 << 20
    /// States kept per log at most: one at every block of a log of up to this many blocks, else at every
    /// `count / statesMax`th.
    static let statesMax = 4096
    /// Logs whose states are kept.
    static let logsMax = 16

    /// Bytes passed through the policy by the streams this made.
    let work = PolicyWork()
    private let logs = Mutex<(byPath: [String: PolicyCheckpoints], used: [String])>(([:], []))

    /// The states kept for `log` whose blocks are now `starts`: a new set when none were, or when the log is no
    /// longer the one they were taken over (its blocks differ).
    func checkpoints(for log: PlanLog, starts: [BlockStart]) -> PolicyCheckpoints {
        logs.withLock { logs in
            logs.used.removeAll { $0 == log.path }
            logs.used.append(log.path)
            if let kept = logs.byPath[log.path], kept.holds(for: starts), kept.starts.count == starts.count { return kept }
            let made = PolicyCheckpoints(starts: starts)
            if let kept = logs.byPath[log.path], kept.holds(for: starts) { made.adopt(kept) }
            logs.byPath[log.path] = made
            while logs.used.count > Self.logsMax { logs.byPath[logs.used.removeFirst()] = nil }
            return made
        }
    }

    /// A stream of `log`'s events from block `block` of `checkpoints.starts` on, through the policy from the
    /// state a read from the start has there (see the type's note on `contextBytes`).
    func events(of log: PlanLog, from block: Int, checkpoints: PolicyCheckpoints) throws -> PlanEventStream {
        let starts = checkpoints.starts
        let target = starts[block].firstRecordIndex
        var (from, state) = checkpoints.nearest(atOrBefore: block)
        let contextStart = Self.contextStart(before: block, notBelow: from, in: starts)
        if from < contextStart {
            state = state?.learnedOnly
            from = contextStart
        }
        let stream = try log.events(from: starts[from], resuming: state, work: work)
        let stride = max(1, starts.count / Self.statesMax)
        var next = from + 1
        while stream.nextRecordIndex < target, stream.next() != nil {
            while next <= block, starts[next].firstRecordIndex <= stream.nextRecordIndex {
                // Kept only where an event ended at the block's start (none of an event's parts is pending).
                if next % stride == 0, starts[next].firstRecordIndex == stream.nextRecordIndex, let reached = stream.policyState {
                    checkpoints.keep(reached, at: next)
                }
                next += 1
            }
        }
        // Damage before `block` stopped the pass: the block is read on its own.
        guard stream.nextRecordIndex >= target else { return try log.events(from: starts[block], resuming: state?.learnedOnly, work: work) }
        return stream
    }

    /// The block a read from `block` starts at when no state is kept nearer than `floor`: the last one at least
    /// `contextBytes` of records before it, or `floor` when that is nearer.
    static func contextStart(before block: Int, notBelow floor: Int, in starts: [BlockStart]) -> Int {
        var start = block
        var bytes = 0
        while start > floor, bytes < contextBytes {
            start -= 1
            bytes += starts[start].rawBytes
        }
        return start
    }
}
