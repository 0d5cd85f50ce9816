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

    /// Writes `count` events; after event `checkpointAt` a checkpoint record and (with a key) a seal,
    /// and (with a key, unless `crashed`) a seal at close. Returns the payloads as stored.
    @discardableResult
    static func write(_ path: String, count: Int, checkpointAt: Int, key: HostKey?, crashed: Bool = false) throws -> [[UInt8]] {
        let writer = try LogWriter.open(path: path, label: "p-000000000001", creator: "evlog 0.1", createdAtMicros: 1)
        var sealer = key.map(Sealer.init)
        var stored: [[UInt8]] = []
        func append(_ payload: [UInt8], checkpoint: Bool = false) throws {
            try writer.append(payload, checkpoint: checkpoint)
            sealer?.observe(payload)
            stored.append(payload)
        }
        for sequence in 1...count {
            try append(event(sequence), checkpoint: sequence == checkpointAt)
            if sequence == checkpointAt, let seal = try sealer?.seal() {
                try writer.append(seal)
                stored.append(seal)
            }
        }
        if !crashed, let seal = try sealer?.seal() {
            try writer.append(seal)
            stored.append(seal)
        }
        try writer.close()
        return stored
    }

    /// Re-encodes the log at `path` into a new file next to it with one byte of record `index` changed:
    /// every XXH64 checksum, LZ4 block, record frame and block header is recomputed by the format's own
    /// writer. Returns the forged file's path.
    static func forge(_ path: String, record index: Int, byte offset: Int) throws -> String {
        let forged = (path as NSString).deletingLastPathComponent + "/forged.evlog"
        let reader = try LogReader(path: path)
        var records: [(payload: [UInt8], checkpoint: Bool)] = []
        try reader.forEachRecord { _, checkpoint, payload in records.append((Array(payload), checkpoint)) }
        records[index].payload[offset] ^= 0x01
        let header = reader.header
        let writer = try LogWriter.open(path: forged, label: header.label, creator: header.creator, createdAtMicros: header.createdAtMicros)
        for record in records { try writer.append(record.payload, checkpoint: record.checkpoint) }
        try writer.close()
        return forged
    }
}
