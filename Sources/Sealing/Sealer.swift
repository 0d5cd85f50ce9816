import EventLog
import Foundation

/// Follows the records a writer appends and makes the seal records to append after them.
///
/// The writer passes every record it appends (seals included) to `observe`, and asks `seal(final:)` at
/// each durable state transition and, with `final`, when it closes the log; a seal is made only when
/// records were appended since the last one (or the last one is not final and a final one is asked).
public struct Sealer: Sendable {
    public let key: HostKey
    public private(set) var chain: HashChain
    private var firstTime: Int64?
    private var lastStamp: (sequence: UInt64, time: Int64)?
    /// Seals observed so far: the last one's counter.
    private var counter: UInt64 = 0
    private var previousSeal = SealRecord.noPreviousSeal
    /// nil when the last record observed is not a seal; else whether that seal is final.
    private var lastSealIsFinal: Bool?
    /// The log's header label, and the digest of its first seal (its identity, `SealPoint.log`).
    private let label: String
    private var firstSeal: [UInt8]?
    /// The last seal observed (made or already in the log), as the record of seals seen keeps it.
    public private(set) var lastSeal: SealPoint?

    /// A sealer for the log whose header is `header` (its records, if any, are observed next).
    public init(key: HostKey, header: LogHeader) throws(EventLogError) {
        self.key = key
        chain = try HashChain(header: header)
        label = header.label
    }

    /// A sealer for a log whose records `check` has read (and found intact: its last valid seal is the last seal).
    init(key: HostKey, continuing check: SealVerifier.Check) {
        self.key = key
        chain = check.chain
        firstTime = check.firstTime
        lastStamp = check.lastStamp
        counter = check.sealsChecked
        previousSeal = check.previousSeal
        label = check.label
        firstSeal = check.firstSeal
        if let log = check.firstSeal, let seal = check.lastValid, let head = check.chainHeads.last {
            lastSeal = SealPoint(log: log, plan: label, key: seal.fingerprint, counter: check.sealsChecked, chainHead: head)
        }
        if let seal = check.lastValid, check.tail.records == 0 { lastSealIsFinal = seal.final }
    }

    public mutating func observe(_ payload: UnsafeRawBufferPointer) {
        lastSealIsFinal = nil
        if let stamp = RecordStamp.read(payload) {
            if stamp.isSeal, let seal = SealRecord.decode(payload) {
                counter += 1
                previousSeal = SealRecord.digest(payload)
                lastSealIsFinal = seal.final
                let log = firstSeal ?? previousSeal
                firstSeal = log
                lastSeal = SealPoint(log: log, plan: label, key: seal.fingerprint, counter: counter, chainHead: seal.chainHead)
            }
            if firstTime == nil { firstTime = stamp.time }
            lastStamp = (stamp.sequence, stamp.time)
        }
        chain.append(payload)
    }

    public mutating func observe(_ payload: [UInt8]) { payload.withUnsafeBytes { observe($0) } }

    /// The `unsealed_at_crash` record (Docs/FORMAT.md §9.5) over `records`, the tail a crashed writer left
    /// after its last seal; `seq` and `time` repeat the last record's, like a seal. Not observed yet.
    public func crashTailMark(_ records: ClosedRange<UInt64>) -> [UInt8] {
        Sealer.crashTailMark(records, after: lastStamp ?? (0, 0))
    }

    /// The bytes of the `unsealed_at_crash` record over `records` after a record stamped `last`: the only bytes a
    /// writer makes for it (sorted keys `first`, `last`, `seq`, `time`, `type`, `v`), so `verify` checks them whole.
    static func crashTailMark(_ records: ClosedRange<UInt64>, after last: (sequence: UInt64, time: Int64)) -> [UInt8] {
        let object: [String: Any] = [
            "v": 1, "type": SealReport.crashTailType, "seq": last.sequence, "time": last.time,
            "first": records.lowerBound, "last": records.upperBound,
        ]
        let json = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return [SealRecord.jsonTag] + Array(json)
    }

    /// The payload of a seal over every record observed so far (observed already), or nil when there
    /// is nothing new to seal: no record, or the last record is a seal that is final or needs not be.
    public mutating func seal(final: Bool) throws -> [UInt8]? {
        guard chain.count > 0 else { return nil }
        if let sealedFinal = lastSealIsFinal, sealedFinal || !final { return nil }
        let first = firstTime ?? 0
        let last = lastStamp ?? (0, 0)
        var record = SealRecord(
            version: SealRecord.versionCurrent, sequence: last.sequence, time: last.time, counter: counter + 1,
            records: chain.count, chainHead: chain.head, previousSeal: previousSeal, firstTime: first, lastTime: last.time,
            final: final, publicKey: key.publicKey.base64, fingerprint: key.publicKey.fingerprint, signature: [])
        record.signature = try key.signature(for: record.signedMessage)
        let payload = record.encoded()
        observe(payload)
        return payload
    }
}
