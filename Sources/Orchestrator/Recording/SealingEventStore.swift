import EventLog
import InstallModel
import Sealing

/// An `EventStore` that seals what it stores: every record extends a SHA-256 chain, and at every
/// `sync()` (each state transition, FORMAT.md §9.2) a signed seal over the chain head is appended and
/// made durable with it; `close()` appends the *final* seal.
/// Each seal, once durable, is handed to `witness` (the home's record of seals seen), which may stop the writer.
public final class SealingEventStore: EventStore {
    private let inner: any EventStore
    private var sealer: Sealer
    private let witness: SealWitness?
    /// The parts of the checkpoint being stored that are still to come (FORMAT.md §7.8): its seal follows the last.
    private var checkpointPartsToCome = 0

    /// Seals records appended to `inner`; `sealer` has observed the records the log already holds (a resumed plan).
    public init(inner: any EventStore, sealer: Sealer, witness: SealWitness? = nil) {
        self.inner = inner
        self.sealer = sealer
        self.witness = witness
    }

    /// The store for the log at `writer`: sealing when the host has a key, the plain log store otherwise.
    /// The log's existing seals are checked first (with the host's key when there is one): a log whose
    /// seals fail, or that has records no seal covers beyond what a crash leaves, is refused, so the
    /// host's seal never vouches for content nobody vouched for (FORMAT.md §9.5).
    /// `vouchedBy` is a key the user named for a log from elsewhere (`resume --key`): seals made with it
    /// are accepted beside the host's own.
    public static func forLog(
        _ writer: LogWriter, key: HostKey?, vouchedBy named: SealPublicKey? = nil, witness: SealWitness? = nil
    ) throws -> any EventStore {
        // Streamed, one pass: a resumed log may be gigabytes of output.
        try forLog(
            writer, checked: try SealVerifier.prepareToAppend(path: writer.path, key: key, vouchedBy: named), sealing: key != nil,
            witness: witness)
    }

    /// The store for the log at `writer`, from the report and sealer of the pass over it its caller already
    /// made (`SealVerifier.prepareToAppend`, under the writer lock, with the same records: `resume` checks a
    /// log once); refused as `forLog(_:key:vouchedBy:)` refuses.
    public static func forLog(
        _ writer: LogWriter, checked: (report: SealReport, sealer: Sealer?), sealing: Bool, witness: SealWitness? = nil
    ) throws -> any EventStore {
        let store = LogEventStore(writer: writer)
        if let refusal = checked.report.refusalToExtend(sealingAs: sealing ? checked.sealer?.key.publicKey.fingerprint : nil) {
            throw SealTrustError(path: writer.path, reason: refusal)
        }
        guard writer.recordCount == checked.report.totalRecords else {
            throw SealTrustError(
                path: writer.path,
                reason: "it held \(checked.report.totalRecords) records when its seals were checked and \(writer.recordCount) when opened")
        }
        guard let sealer = checked.sealer else { return store }
        let sealed = SealingEventStore(inner: store, sealer: sealer, witness: witness)
        // What a crashed writer left unsealed is sealed now, but marked: this writer did not write it.
        if let tail = checked.report.crashTail {
            try sealed.append(sealer.crashTailMark(tail), checkpoint: false)
            try sealed.sync()
        }
        return sealed
    }

    /// The last seal in the log: made by this store, or the one the log ended at when it was opened.
    public var lastSeal: SealPoint? { sealer.lastSeal }

    public var acceptsEventParts: Bool { inner.acceptsEventParts }

    /// A checkpoint is sealed as it is stored, so that a reader may start from it (`PlanLog.isSealed(checkpoint:)`): after its
    /// record, or after the last of its parts (FORMAT.md §7.8), never between them.
    public func append(_ payload: [UInt8], checkpoint: Bool) throws {
        try inner.append(payload, checkpoint: checkpoint)
        sealer.observe(payload)
        if checkpoint {
            checkpointPartsToCome = EventParts.partsFollowing(payload)
        } else {
            guard checkpointPartsToCome > 0 else { return }
            checkpointPartsToCome -= 1
        }
        if checkpointPartsToCome == 0 { try appendSeal(final: false) }
    }

    /// Seals what was appended since the last seal, then makes both durable.
    public func sync() throws {
        guard let seal = try sealer.seal(final: false) else { return try inner.sync() }
        try inner.append(seal, checkpoint: false)
        try inner.sync()
        try witnessSeal()
    }

    public func close() throws {
        try appendSeal(final: true)
        try inner.close()
    }

    private func appendSeal(final: Bool) throws {
        guard let seal = try sealer.seal(final: final) else { return }
        try inner.append(seal, checkpoint: false)
        try inner.sync()
        try witnessSeal()
    }

    private func witnessSeal() throws {
        if let witness, let seal = sealer.lastSeal { try witness(seal) }
    }
}

/// Told each seal a writer made, once it is durable; throws to stop the writer (another writer of the same log).
public typealias SealWitness = (SealPoint) throws -> Void

/// A log that must not be continued or sealed: its seals fail, or records no seal covers would be sealed.
public struct SealTrustError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String {
        "\(path) cannot be trusted: \(reason); nothing was added to it (see `evlog verify \(path) --key <host.pub>`)"
    }
}
