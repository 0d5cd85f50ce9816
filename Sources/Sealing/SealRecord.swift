import Crypto
import Foundation

/// A seal record (Docs/FORMAT.md §9.2): a JSON event of type `log_sealed` whose Ed25519 signature
/// covers the chain head after the first `records` records, the time range they span, the seal's
/// place among the log's seals and whether it closes the log.
///
/// It takes no sequence number of its own: its `seq` and `time` repeat those of the last record it
/// covers, so the recorder's numbering is unchanged and readers that do not know the type skip it (R7.6).
public struct SealRecord: Sendable, Equatable {
    public static let type = "log_sealed"
    static let jsonTag: UInt8 = 0x01
    /// The tag of a binary output chunk (FORMAT §7.2); any other tag but `jsonTag` is a record no writer writes.
    static let outputTag: UInt8 = 0x02
    /// The `v` of the seals this code writes: 2 signs the counter, the previous seal and the final mark.
    public static let versionCurrent = 2

    /// 1: a format-1 seal (records, chain head, time range signed); 2: also counter, previous seal, final.
    public var version: Int
    public var sequence: UInt64
    public var time: Int64
    /// 1 for the log's first seal, then one more for each seal after it.
    public var counter: UInt64
    /// How many records (seals included) precede this one and are covered by `chainHead`.
    public var records: UInt64
    public var chainHead: [UInt8]
    /// SHA-256 of the previous seal's payload; 32 zero bytes for the first seal.
    public var previousSeal: [UInt8]
    public var firstTime: Int64
    public var lastTime: Int64
    /// The writer closed the log here (or it is a bundle's last record): a file that ends at a seal
    /// that is not final was cut after it, or its writer crashed.
    public var final: Bool
    public var publicKey: String
    public var fingerprint: String
    public var signature: [UInt8]

    /// `previousSeal` of a log's first seal.
    public static let noPreviousSeal = [UInt8](repeating: 0, count: 32)

    /// The bytes signed. Version 2: `"evlog-seal-v2\n" | counter u64 | records u64 | chain head (32) |
    /// previous seal (32) | first time i64 | last time i64 | final u8`, integers little-endian. Version 1:
    /// `"evlog-seal-v1\n" | records u64 | chain head (32) | first time i64 | last time i64`.
    public var signedMessage: [UInt8] {
        var bytes: [UInt8] = []
        func append<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
        guard version >= 2 else {
            bytes = Array("evlog-seal-v1\n".utf8)
            append(records)
            bytes += chainHead
            append(firstTime)
            append(lastTime)
            return bytes
        }
        bytes = Array("evlog-seal-v2\n".utf8)
        append(counter)
        append(records)
        bytes += chainHead
        bytes += previousSeal
        append(firstTime)
        append(lastTime)
        append(UInt8(final ? 1 : 0))
        return bytes
    }

    /// The record payload: tag `0x01` and the JSON object with sorted keys.
    public func encoded() -> [UInt8] {
        var object: [String: Any] = [
            "v": version, "type": SealRecord.type, "seq": sequence, "time": time, "records": records,
            "chain_head": Hex.encode(chainHead), "first_time": firstTime, "last_time": lastTime,
            "public_key": publicKey, "key": fingerprint, "signature": Data(signature).base64EncodedString(),
        ]
        if version >= 2 {
            object["counter"] = counter
            object["previous_seal"] = Hex.encode(previousSeal)
            object["final"] = final
        }
        let json = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return [SealRecord.jsonTag] + Array(json)
    }

    /// The seal in a record payload, or nil when the record is not a seal.
    public static func decode(_ payload: UnsafeRawBufferPointer) -> SealRecord? {
        guard let object = RecordStamp.jsonObject(payload), object["type"] as? String == type else { return nil }
        return SealRecord(
            version: (object["v"] as? NSNumber)?.intValue ?? 1,
            sequence: (object["seq"] as? NSNumber)?.uint64Value ?? 0,
            time: (object["time"] as? NSNumber)?.int64Value ?? 0,
            counter: (object["counter"] as? NSNumber)?.uint64Value ?? 0,
            records: (object["records"] as? NSNumber)?.uint64Value ?? 0,
            chainHead: Hex.decode(object["chain_head"] as? String ?? "") ?? [],
            previousSeal: Hex.decode(object["previous_seal"] as? String ?? "") ?? [],
            firstTime: (object["first_time"] as? NSNumber)?.int64Value ?? 0,
            lastTime: (object["last_time"] as? NSNumber)?.int64Value ?? 0,
            final: (object["final"] as? Bool) ?? false,
            publicKey: object["public_key"] as? String ?? "",
            fingerprint: object["key"] as? String ?? "",
            signature: (object["signature"] as? String).flatMap { Data(base64Encoded: $0) }.map(Array.init) ?? [])
    }

    /// SHA-256 of a seal's payload: the next seal's `previousSeal`.
    public static func digest(_ payload: UnsafeRawBufferPointer) -> [UInt8] { Array(SHA256.hash(data: payload)) }
}

/// The sequence number and time every event record starts with (FORMAT §7.1–7.3), read without
/// decoding the event: JSON records carry `seq` and `time` keys, binary ones `seq u64 | time i64` after the tag.
enum RecordStamp {
    static func read(_ payload: UnsafeRawBufferPointer) -> (sequence: UInt64, time: Int64, isSeal: Bool)? {
        read(payload, object: jsonObject(payload))
    }

    /// The stamp, with the JSON object already parsed (nil for a binary record).
    static func read(_ payload: UnsafeRawBufferPointer, object: [String: Any]?) -> (sequence: UInt64, time: Int64, isSeal: Bool)? {
        guard let tag = payload.first else { return nil }
        if tag == SealRecord.jsonTag {
            guard let object else { return nil }
            return ((object["seq"] as? NSNumber)?.uint64Value ?? 0, (object["time"] as? NSNumber)?.int64Value ?? 0,
                    object["type"] as? String == SealRecord.type)
        }
        guard payload.count >= 17 else { return nil }
        return (UInt64(littleEndian: payload.loadUnaligned(fromByteOffset: 1, as: UInt64.self)),
                Int64(littleEndian: payload.loadUnaligned(fromByteOffset: 9, as: Int64.self)), false)
    }

    /// The step id of a binary output chunk (FORMAT §7.2), nil when the payload is not one.
    static func outputStep(_ payload: UnsafeRawBufferPointer) -> String? {
        guard payload.first == SealRecord.outputTag, payload.count >= 21 else { return nil }
        let length = Int(UInt16(littleEndian: payload.loadUnaligned(fromByteOffset: 19, as: UInt16.self)))
        guard payload.count >= 21 + length else { return nil }
        return String(decoding: payload[21..<21 + length], as: UTF8.self)
    }

    /// The record's top-level scalar fields (`RecordTopLevel`), nil for a binary record.
    static func jsonObject(_ payload: UnsafeRawBufferPointer) -> [String: Any]? { RecordTopLevel.fields(of: payload) }
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
