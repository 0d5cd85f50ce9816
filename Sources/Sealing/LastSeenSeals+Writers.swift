import EventLog
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A writer's record of the seals it makes (Docs/FORMAT.md §9.6): one line appended at each seal, once the seal is
/// durable, so a log cut back to before a crash is told apart as well as one cut back after a close. Each line is
/// checked first as a reader checks a log: another seal under the same counter, or a higher counter, recorded for
/// the same log means another writer is writing its history — two writers of one plan.
extension LastSeenSeals {
    /// A seal a writer made that the record contradicts: another writer made seal `counter` of the same log.
    public struct Conflict: Sendable, Equatable, CustomStringConvertible {
        /// The counter of the writer's seal.
        public var counter: UInt64
        /// The highest counter recorded for the log, and whether the seal under the writer's counter signs another chain head.
        public var recorded: UInt64
        public var forked: Bool

        public var description: String {
            forked
                ? "its seal #\(counter) signs another chain head than the seal #\(counter) recorded for this log: another writer is writing another history of it"
                : "seal #\(recorded) of this log was already recorded, and this writer is at #\(counter): another writer took it further"
        }
    }

    /// The lines the record may hold beyond two a log before it is compacted (written whole, one line a log).
    static let linesPerLogMax = 64

    /// What one writer has read of the record (`record(_:at:cursor:)`): which file, how far (complete lines only), and
    /// what those lines said — the entries about the writer's log, how many lines and which logs — so each seal reads
    /// only the lines appended since the writer's last one, not the whole record again (integrity10 finding 15).
    public final class Cursor: @unchecked Sendable {
        // @unchecked: one writer's sealing thread uses it, one seal at a time, under the record's turn lock.
        var file: (device: UInt64, inode: UInt64)?
        var offset = 0
        var log: [UInt8] = []
        var about = LastSeenSeals()
        var lines = 0
        var logs = Set<[UInt8]>()

        public init() {}

        /// Where `key` first starts in `line` (`memchr` for its first byte, then `memcmp`): fast in any build.
        static func find(_ key: [UInt8], in line: UnsafeBufferPointer<UInt8>) -> Int? {
            guard let base = line.baseAddress, let first = key.first, line.count >= key.count else { return nil }
            var at = 0
            while at <= line.count - key.count, let hit = memchr(base + at, Int32(first), line.count - key.count + 1 - at) {
                let index = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if memcmp(base + index, key, key.count) == 0 { return index }
                at = index + 1
            }
            return nil
        }

        /// Starts over: the record was replaced (compacted, by this writer or another), cut, or is about another log.
        func restart(file: (device: UInt64, inode: UInt64), log: [UInt8]) {
            (self.file, self.log, offset, about, lines, logs) = (file, log, 0, LastSeenSeals(), 0, [])
        }

        /// Reads the complete lines of `bytes` (the record from `offset` on): a last line without its newline is one
        /// torn by a crash or still being written, left for the next read. Only the lines about `log` are decoded;
        /// another log's is only told by its `"log"` value.
        func consume(_ bytes: [UInt8]) {
            let logKey = Array(#""log""#.utf8)
            bytes.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                var start = 0
                while start < buffer.count, let newline = memchr(base + start, Int32(UInt8(ascii: "\n")), buffer.count - start) {
                    let end = base.distance(to: newline.assumingMemoryBound(to: UInt8.self))
                    let line = UnsafeBufferPointer(rebasing: buffer[start..<end])
                    start = end + 1
                    lines += 1
                    var named: [UInt8]?
                    if let found = Cursor.find(logKey, in: line) {
                        // `"log"`, then a colon and a quote, with or without spaces (a record another tool wrote).
                        let rest = line[(found + logKey.count)...].drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: ":") }
                        let value = rest.dropFirst().prefix { $0 != UInt8(ascii: "\"") }
                        named = Array(value)
                        logs.insert(Array(value))
                    }
                    guard named.map({ $0 == log }) ?? true, let entry = try? JSONDecoder().decode(Entry.self, from: Data(line)) else { continue }
                    about.merge(entry)
                }
                offset += start
            }
        }
    }

    /// Records `point`, a seal this home's writer has just made durable, in the record at `path` — under the
    /// turn lock, after the check above — by appending one line. The record is compacted (written whole, one line a
    /// log) when it holds more than two lines a log and `linesPerLogMax`, so it stays that small whatever many plans
    /// the home runs, and compacting, which reads and writes it whole, comes once per as many appended lines as it has
    /// logs. `cursor` is the writer's: each seal reads only what was appended since the last one.
    /// Returns the conflict instead of recording when there is one.
    public static func record(_ point: SealPoint, at path: String, cursor: Cursor = Cursor()) throws -> Conflict? {
        let directory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory.isEmpty ? "." : directory, withIntermediateDirectories: true)
        return try TurnLock.holding(path + ".lock") { () throws -> Conflict? in
            let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0o644)
            guard descriptor >= 0 else { throw SealingError.cannotWrite(path, String(cString: strerror(errno))) }
            defer { close(descriptor) }
            var status = stat()
            guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
                throw SealingError.badLastSeenFile(path, "it is \(FileKind.name(status.st_mode & S_IFMT)), not a file")
            }
            let file = (device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
            let log = Array(Hex.encode(point.log).utf8)
            if cursor.file.map({ $0 != file }) ?? true || cursor.log != log || Int(status.st_size) < cursor.offset {
                cursor.restart(file: file, log: log)
            }
            let readFrom = cursor.offset
            let fresh = try readAll(descriptor, from: readFrom, path: path)
            cursor.consume(fresh)
            if let seen = cursor.about.seen(point) {
                if seen.counter > point.counter { return Conflict(counter: point.counter, recorded: seen.counter, forked: false) }
                if seen.counter == point.counter, let head = seen.chainHead {
                    return head == point.chainHead ? nil : Conflict(counter: point.counter, recorded: seen.counter, forked: true)
                }
            }
            if cursor.lines + 1 > 2 * cursor.logs.count + linesPerLogMax {
                var whole = try LastSeenSeals(path: path)
                whole.note(point)
                try whole.write(to: path)
                cursor.file = nil
            } else {
                let line = try appendLine(Entry(point), to: descriptor, at: cursor.offset, before: readFrom + fresh.count, path: path)
                cursor.consume(line)
            }
            return nil
        }
    }

    /// Appends `entry` as one line at `end`, where the record's complete lines end (one `pwrite`, under the turn lock);
    /// a last line without its newline (torn by a crash), up to `size`, is written over. Returns the line written.
    private static func appendLine(_ entry: Entry, to descriptor: Int32, at end: Int, before size: Int, path: String) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let line = Array(try encoder.encode(entry)) + [UInt8(ascii: "\n")]
        let written = line.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, off_t(end)) }
        guard written == line.count else { throw SealingError.cannotWrite(path, String(cString: strerror(errno))) }
        if end + line.count < size { _ = ftruncate(descriptor, off_t(end + line.count)) }
        return line
    }

    /// The bytes of the file from `offset` to its end.
    private static func readAll(_ descriptor: Int32, from offset: Int, path: String) throws -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(offset + bytes.count)) }
            guard count >= 0 else { throw SealingError.cannotWrite(path, String(cString: strerror(errno))) }
            if count == 0 { return bytes }
            bytes += chunk.prefix(count)
        }
    }
}
