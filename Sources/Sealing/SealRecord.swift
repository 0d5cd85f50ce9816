import Foundation

/// A seal record (Docs/FORMAT.md §9.2): a JSON event of type `log_sealed` whose Ed25519 signature
/// covers the chain head after the first `records` records and the time range they span.
///
/// It takes no sequence number of its own: its `seq` and `time` repeat those of the last record it
/// covers, so the recorder's numbering is unchanged and readers that do not know the type skip it (R7.6).
public struct SealRecord: Sendable, Equatable {
    public static let type = "log_sealed"
    static let jsonTag: UInt8 = 0x01

    public var sequence: UInt64
    public var time: Int64
    /// How many records (seals included) precede this one and are covered by `chainHead`.
    public var records: UInt64
    public var chainHead: [UInt8]
    public var firstTime: Int64
    public var lastTime: Int64
    public var publicKey: String
    public var fingerprint: String
    public var signature: [UInt8]

    /// The bytes signed: `"evlog-seal-v1\n" | records u64 LE | chain head (32) | first time i64 LE | last time i64 LE`.
    public static func signedMessage(records: UInt64, chainHead: [UInt8], firstTime: Int64, lastTime: Int64) -> [UInt8] {
        var bytes = Array("evlog-seal-v1\n".utf8)
        withUnsafeBytes(of: records.littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: chainHead)
        withUnsafeBytes(of: firstTime.littleEndian) { bytes.append(contentsOf: $0) }
        withUnsafeBytes(of: lastTime.littleEndian) { bytes.append(contentsOf: $0) }
        return bytes
    }

    public var signedMessage: [UInt8] {
        SealRecord.signedMessage(records: records, chainHead: chainHead, firstTime: firstTime, lastTime: lastTime)
    }

    /// The record payload: tag `0x01` and the JSON object with sorted keys.
    public func encoded() -> [UInt8] {
        let object: [String: Any] = [
            "v": 1, "type": SealRecord.type, "seq": sequence, "time": time, "records": records,
            "chain_head": Hex.encode(chainHead), "first_time": firstTime, "last_time": lastTime,
            "public_key": publicKey, "key": fingerprint, "signature": Data(signature).base64EncodedString(),
        ]
        let json = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return [SealRecord.jsonTag] + Array(json)
    }

    /// The seal in a record payload, or nil when the record is not a seal.
    public static func decode(_ payload: UnsafeRawBufferPointer) -> SealRecord? {
        guard let object = RecordStamp.jsonObject(payload), object["type"] as? String == type else { return nil }
        return SealRecord(
            sequence: (object["seq"] as? NSNumber)?.uint64Value ?? 0,
            time: (object["time"] as? NSNumber)?.int64Value ?? 0,
            records: (object["records"] as? NSNumber)?.uint64Value ?? 0,
            chainHead: Hex.decode(object["chain_head"] as? String ?? "") ?? [],
            firstTime: (object["first_time"] as? NSNumber)?.int64Value ?? 0,
            lastTime: (object["last_time"] as? NSNumber)?.int64Value ?? 0,
            publicKey: object["public_key"] as? String ?? "",
            fingerprint: object["key"] as? String ?? "",
            signature: (object["signature"] as? String).flatMap { Data(base64Encoded: $0) }.map(Array.init) ?? [])
    }
}

/// The sequence number and time every event record starts with (FORMAT §7.1–7.3), read without
/// decoding the event: JSON records carry `seq` and `time` keys, binary ones `seq u64 | time i64` after the tag.
enum RecordStamp {
    static func read(_ payload: UnsafeRawBufferPointer) -> (sequence: UInt64, time: Int64, isSeal: Bool)? {
        guard let tag = payload.first else { return nil }
        if tag == SealRecord.jsonTag {
            guard let object = jsonObject(payload) else { return nil }
            return ((object["seq"] as? NSNumber)?.uint64Value ?? 0, (object["time"] as? NSNumber)?.int64Value ?? 0,
                    object["type"] as? String == SealRecord.type)
        }
        guard payload.count >= 17 else { return nil }
        return (UInt64(littleEndian: payload.loadUnaligned(fromByteOffset: 1, as: UInt64.self)),
                Int64(littleEndian: payload.loadUnaligned(fromByteOffset: 9, as: Int64.self)), false)
    }

    static func jsonObject(_ payload: UnsafeRawBufferPointer) -> [String: Any]? {
        guard payload.first == SealRecord.jsonTag else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(payload[1...]))) as? [String: Any]
    }
}

/// Lower-case hex, as chain heads are written.
enum Hex {
    static func encode(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    static func decode(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[index..<index + 2], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(byte)
        }
        return bytes
    }
}
