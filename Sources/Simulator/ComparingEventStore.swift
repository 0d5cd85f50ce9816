import InstallModel
import Orchestrator

/// The store of a reproduction: each event is compared with the original's (`LogComparison`) as it
/// is recorded, then stored. The first difference is stored too (the reproduction's log shows it) and
/// thrown, which stops the run; nothing is stored past the point where a crashed original stopped.
public final class ComparingEventStore: EventStore {
    private let inner: any EventStore
    private let comparison: LogComparison
    private var joiner = EventRecordJoiner()

    public init(storingIn inner: any EventStore, comparison: LogComparison) {
        self.inner = inner
        self.comparison = comparison
    }

    public func append(_ payload: [UInt8], checkpoint: Bool) throws {
        guard !checkpoint else { return try inner.append(payload, checkpoint: true) }
        do {
            // A part of an event stored over several records is compared once the event is whole.
            if let event = try joiner.event(from: payload) { try comparison.compare(event) }
        } catch let difference as LogComparison.Difference {
            try inner.append(payload, checkpoint: false)
            throw difference
        }
        try inner.append(payload, checkpoint: false)
    }

    public var acceptsEventParts: Bool { inner.acceptsEventParts }
    /// Nothing: a reproduction's log is the record of a check, not history a crash must keep, so it is made durable
    /// and sealed once, when it closes (repro13 F6: a seal and an fsync at every quiet moment of the replayed output
    /// made a reproduction cost four times the recording's CPU, in context switches and I/O waits).
    public func sync() throws {}
    public func close() throws { try inner.close() }
}
