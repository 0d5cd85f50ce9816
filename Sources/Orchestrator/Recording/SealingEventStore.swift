import EventLog
import Sealing

/// An `EventStore` that seals what it stores: every record extends a SHA-256 chain, and after each
/// checkpoint and before close a signed seal record over the chain head is appended (Docs/FORMAT.md §9).
public final class SealingEventStore: EventStore {
    private let inner: any EventStore
    private var sealer: Sealer

    /// Seals records appended to `inner`; `sealer` has observed the records the log already holds (a resumed plan).
    public init(inner: any EventStore, sealer: Sealer) {
        self.inner = inner
        self.sealer = sealer
    }

    /// The store for the log at `writer`: sealing when the host has a key, the plain log store otherwise.
    public static func forLog(_ writer: LogWriter, key: HostKey?) throws -> any EventStore {
        let store = LogEventStore(writer: writer)
        guard let key else { return store }
        var sealer = Sealer(key: key)
        if writer.recordCount > 0 {
            // Streamed: a resumed log may be gigabytes of output.
            try LogReader(path: writer.path).forEachRecord { _, _, payload in sealer.observe(payload) }
        }
        return SealingEventStore(inner: store, sealer: sealer)
    }

    public func append(_ payload: [UInt8], checkpoint: Bool) throws {
        try inner.append(payload, checkpoint: checkpoint)
        sealer.observe(payload)
        if checkpoint { try appendSeal() }
    }

    public func sync() throws { try inner.sync() }

    public func close() throws {
        try appendSeal()
        try inner.close()
    }

    private func appendSeal() throws {
        guard let seal = try sealer.seal() else { return }
        try inner.append(seal, checkpoint: false)
        try inner.sync()
    }
}
