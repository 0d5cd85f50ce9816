import EventLog
import Foundation
import Sealing

/// Logs written the way the recorder writes them, and forged the way an attacker with the spec would.
enum SealedLogs {
    /// A path for a new log in a new temporary directory.
    static func newLogPath() throws -> String { try temporaryDirectory() + "/p.evlog" }

    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "evlog-sealing-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A JSON event record (FORMAT §7.3) with `seq` and `time`.
    static func event(_ sequence: Int, type: String = "step_started") -> [UInt8] {
        [0x01] + Array(#"{"seq":\#(sequence),"step":"a/b","time":\#(1_767_225_600_000_000 + sequence * 1000),"type":"\#(type)","v":1}"#.utf8)
    }

    /// Writes `count` events; after each event in `sealAfter` a checkpoint record's flag and (with a key)
    /// a seal, and (with a key, unless `crashed`) a final seal at close; event `n` has type `type(n)`.
    /// Returns the payloads as stored.
    @discardableResult
    static func write(_ path: String, count: Int, sealAfter: Set<Int>, key: HostKey?, crashed: Bool = false,
                      type: (Int) -> String = { _ in "step_started" }) throws -> [[UInt8]] {
        let writer = try LogWriter.open(path: path, label: "p-000000000001", creator: "evlog 0.1", createdAtMicros: 1)
        var sealer = try key.map { key throws(EventLogError) in try Sealer(key: key, header: writer.header) }
        var stored: [[UInt8]] = []
        func append(_ payload: [UInt8], checkpoint: Bool = false) throws {
            try writer.append(payload, checkpoint: checkpoint)
            sealer?.observe(payload)
            stored.append(payload)
        }
        func seal(final: Bool) throws {
            guard let seal = try sealer?.seal(final: final) else { return }
            try writer.append(seal)
            stored.append(seal)
        }
        for sequence in 1...count {
            try append(event(sequence, type: type(sequence)), checkpoint: sealAfter.contains(sequence))
            if sealAfter.contains(sequence) { try seal(final: false) }
        }
        if !crashed { try seal(final: true) }
        try writer.close()
        return stored
    }

    /// One record as the format stores it: payload and checkpoint flag.
    struct Record {
        var payload: [UInt8]
        var checkpoint: Bool
    }

    /// Re-encodes the log at `path` into `name` next to it after `edit` changed its records (and
    /// `header`, when given, its header's fields): every XXH64 checksum, LZ4 block, record frame and block header
    /// is recomputed by the format's own writer. Returns the forged file's path.
    static func rewrite(
        _ path: String, as name: String = "forged.evlog", label: String? = nil, header editHeader: ((inout LogHeader) -> Void)? = nil,
        edit: (inout [Record]) -> Void
    ) throws -> String {
        let forged = (path as NSString).deletingLastPathComponent + "/" + name
        try? FileManager.default.removeItem(atPath: forged)
        let reader = try LogReader(path: path)
        var records: [Record] = []
        try reader.forEachRecord { _, checkpoint, payload in records.append(Record(payload: Array(payload), checkpoint: checkpoint)) }
        edit(&records)
        var header = reader.header
        if let label { header.label = label }
        editHeader?(&header)
        let writer = try LogWriter.open(
            path: forged, label: header.label, creator: header.creator, createdAtMicros: header.createdAtMicros,
            mayHoldEventParts: header.mayHoldEventParts)
        for record in records { try writer.append(record.payload, checkpoint: record.checkpoint) }
        try writer.close()
        try? FileManager.default.removeItem(atPath: LogWriter.lockFilePath(for: forged))
        return forged
    }

    /// `rewrite` with one byte of record `index` changed.
    static func forge(_ path: String, record index: Int, byte offset: Int) throws -> String {
        try rewrite(path) { $0[index].payload[offset] ^= 0x01 }
    }

    static func isSeal(_ payload: [UInt8]) -> Bool {
        String(decoding: payload, as: UTF8.self).contains(#""type":"log_sealed""#)
    }
}

