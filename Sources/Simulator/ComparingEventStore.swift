import InstallModel
import Orchestrator

/// The store of a reproduction: each event is compared with the original's (`LogComparison`) as it
/// is recorded, then stored. The first difference is stored too (the reproduction's log shows it) and
/// thrown, which stops the run; nothing is stored past the point where a crashed original stopped.
public final class ComparingEventStore: EventStore {
    private let inner: any EventStore
    private let comparison: LogComparison

    public init(storingIn inner: any EventStore, comparison: LogComparison) {
        self.inner = inner
        self.comparison = comparison
    }

    /// A record stored without its event (a checkpoint): nothing to compare.
    public func append(_ payload: [UInt8], checkpoint: Bool) throws {
        try inner.append(payload, checkpoint: checkpoint)
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
