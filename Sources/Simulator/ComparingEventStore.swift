import InstallModel
import Orchestrator

/// The store of a reproduction: each event is compared with the original's (`LogComparison`) as it
/// is recorded, then stored. The first difference is stored too (the reproduction's log shows it) and
/// thrown, which stops the run; nothing is stored past the point where a crashed original stopped.
public final class ComparingEventStore: EventStore {
    private let inner: any EventStore
    private let comparison: LogComparison
    /// The parts of the checkpoint being stored that are still to come.
    private var checkpointPartsToCome = 0

    public init(storingIn inner: any EventStore, comparison: LogComparison) {
        self.inner = inner
        self.comparison = comparison
    }

    /// A checkpoint, stored: nothing to compare (its record, or its parts: FORMAT.md §7.8). Any other record without its
    /// event is refused, never passed through uncompared: a store wrapped around this one that does not hand on
    /// `append(records:of:)` would otherwise make every reproduction a match (review15 R9).
    public func append(_ payload: [UInt8], checkpoint: Bool) throws {
        if checkpoint {
            checkpointPartsToCome = EventParts.partsFollowing(payload)
        } else {
            guard checkpointPartsToCome > 0 else { throw UncomparedRecord() }
            checkpointPartsToCome -= 1
        }
        try inner.append(payload, checkpoint: checkpoint)
    }

    /// A record reached the comparing store without its event, so it could not be compared.
    struct UncomparedRecord: Error, CustomStringConvertible {
        var description: String { "evlog: a reproduction's record reached its log without its event, so it was not compared (a defect of evlog)" }
    }

    /// Compares the event as the recorder made it (not its records joined and decoded again: a `plan_created` of
    /// megabytes was held three more times for that, repro13 F5), then stores its records.
    public func append(records: some Sequence<[UInt8]>, of event: Event) throws {
        do {
            try comparison.compare(event)
        } catch let difference as LogComparison.Difference {
            try inner.append(records: records, of: event)
            throw difference
        }
        try inner.append(records: records, of: event)
    }

    public var acceptsEventParts: Bool { inner.acceptsEventParts }
    /// Nothing: a reproduction's log is the record of a check, not history a crash must keep, so it is made durable
    /// and sealed once, when it closes (repro13 F6: a seal and an fsync at every quiet moment of the replayed output
    /// made a reproduction cost four times the recording's CPU, in context switches and I/O waits).
    public func sync() throws {}
    public func close() throws { try inner.close() }
}
