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

    /// A log's lines before they are compacted into one: lines appended since the record was last written whole.
    static let linesPerLogMax = 64

    /// Records `point`, a seal this home's writer has just made durable, in the record at `path` — under the
    /// turn lock, after the check above — by appending one line. The record is compacted (written whole, one line a
    /// log) when the log has `linesPerLogMax` lines, or the file more than two lines a log and `linesPerLogMax`, so it
    /// stays that small whatever many plans the home runs. Returns the conflict instead of recording when there is one.
    public static func record(_ point: SealPoint, at path: String) throws -> Conflict? {
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
            let bytes = try readAll(descriptor, path: path)
            let (about, lines, shape) = linesAbout(point, in: bytes)
            if let seen = about.seen(point) {
                if seen.counter > point.counter { return Conflict(counter: point.counter, recorded: seen.counter, forked: false) }
                if seen.counter == point.counter, let head = seen.chainHead {
                    return head == point.chainHead ? nil : Conflict(counter: point.counter, recorded: seen.counter, forked: true)
                }
            }
            if lines + 1 >= linesPerLogMax || shape.lines + 1 > 2 * shape.logs + linesPerLogMax {
                var whole = try LastSeenSeals(path: path)
                whole.note(point)
                try whole.write(to: path)
            } else {
                try appendLine(Entry(point), to: descriptor, after: bytes, path: path)
            }
            return nil
        }
    }

    /// The entries about the log `point` is a seal of and how many lines they took, and how many lines and logs the
    /// record has: only the lines about that log are decoded (another log's is only told by its `"log"` value), so a
    /// seal costs little in a home of many plans.
    private static func linesAbout(_ point: SealPoint, in bytes: [UInt8]) -> (LastSeenSeals, Int, (lines: Int, logs: Int)) {
        var about = LastSeenSeals()
        let log = Array(Hex.encode(point.log).utf8)
        let logKey = Array(#""log":""#.utf8)
        var lines = 0
        var total = 0
        var logs = Set<ArraySlice<UInt8>>()
        for line in bytes.split(separator: UInt8(ascii: "\n")) {
            total += 1
            let line = Array(line)
            let named = line.firstRange(of: logKey).map { line[$0.upperBound..<min(line.count, $0.upperBound + log.count)] }
            if let named { logs.insert(named) }
            guard named.map({ $0.elementsEqual(log) }) ?? true,
                  let entry = try? JSONDecoder().decode(Entry.self, from: Data(line)) else { continue }
            lines += 1
            about.merge(entry)
        }
        return (about, lines, (total, logs.count))
    }

    /// Appends `entry` as one line after `bytes`, the record as read (one `pwrite`, under the turn lock); a last line
    /// without its newline (torn by a crash) is written over.
    private static func appendLine(_ entry: Entry, to descriptor: Int32, after bytes: [UInt8], path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let line = Array(try encoder.encode(entry)) + [UInt8(ascii: "\n")]
        let end = (bytes.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 }) ?? 0
        let written = line.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, off_t(end)) }
        guard written == line.count else { throw SealingError.cannotWrite(path, String(cString: strerror(errno))) }
        if end + line.count < bytes.count { _ = ftruncate(descriptor, off_t(end + line.count)) }
    }

    private static func readAll(_ descriptor: Int32, path: String) throws -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(bytes.count)) }
            guard count >= 0 else { throw SealingError.cannotWrite(path, String(cString: strerror(errno))) }
            if count == 0 { return bytes }
            bytes += chunk.prefix(count)
        }
    }
}
