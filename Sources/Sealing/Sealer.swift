/// Follows the records a writer appends and makes the seal records to append after them.
///
/// The writer passes every record it appends (seals included) to `observe`, and asks `seal()` at each
/// checkpoint and at close; a seal is made only when records were appended since the last one.
public struct Sealer: Sendable {
    public let key: HostKey
    public private(set) var chain = HashChain()
    private var firstTime: Int64?
    private var lastStamp: (sequence: UInt64, time: Int64)?
    private var recordsAtLastSeal: UInt64?

    public init(key: HostKey) { self.key = key }

    public mutating func observe(_ payload: UnsafeRawBufferPointer) {
        if let stamp = RecordStamp.read(payload) {
            if stamp.isSeal { recordsAtLastSeal = chain.count }
            if firstTime == nil { firstTime = stamp.time }
            lastStamp = (stamp.sequence, stamp.time)
        }
        chain.append(payload)
    }

    public mutating func observe(_ payload: [UInt8]) { payload.withUnsafeBytes { observe($0) } }

    /// The payload of a seal over every record observed so far (observed already), or nil when the
    /// last record was a seal.
    public mutating func seal() throws -> [UInt8]? {
        guard chain.count > 0, recordsAtLastSeal.map({ chain.count > $0 + 1 }) ?? true else { return nil }
        let first = firstTime ?? 0
        let last = lastStamp ?? (0, 0)
        var record = SealRecord(
            sequence: last.sequence, time: last.time, records: chain.count, chainHead: chain.head,
            firstTime: first, lastTime: last.time, publicKey: key.publicKey.base64, fingerprint: key.publicKey.fingerprint,
            signature: [])
        record.signature = try key.signature(for: record.signedMessage)
        let payload = record.encoded()
        observe(payload)
        return payload
    }
}
