import EventLog
import Orchestrator

/// A plan's log as its blocks (its block index, read once), from any one of which its events can be read: as
/// stored for a log this revision of the secret policy recorded, else through the policy from the state a read
/// from the start has there (`PolicyReads`), so every window onto a log's end or middle shows what `replay` shows.
struct LogBlocks {
    let log: PlanLog
    /// Where each block starts, oldest first.
    let starts: [BlockStart]
    private let reads: PolicyReads
    /// The policy states kept for the log; nil when it is read as stored.
    private let checkpoints: PolicyCheckpoints?

    /// `damagedAt`: where the log is damaged (`LogDamage.offset`, not a torn tail): the blocks from there on are left out,
    /// as the log's reader, replay, search and the event stream leave them (serve20b #6).
    init(_ log: PlanLog, reads: PolicyReads = .shared, damagedAt: Int64? = nil) throws {
        self.log = log
        self.reads = reads
        starts = try log.blockStarts().filter { start in damagedAt.map { start.offset < $0 } ?? true }
        checkpoints = try log.events().readsAsStored || starts.isEmpty ? nil : reads.checkpoints(for: log, starts: starts)
    }

    var count: Int { starts.count }

    /// The events from block `block` on.
    func events(from block: Int) throws -> PlanEventStream {
        guard let checkpoints else { return try log.events(from: starts[block], resuming: nil) }
        return try reads.events(of: log, from: block, checkpoints: checkpoints)
    }
}
