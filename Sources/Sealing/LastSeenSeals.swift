import EventLog
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How far each log a verifier or this home's writer has seen went, and along which history (Docs/FORMAT.md §9.6):
/// what makes a log cut back to an earlier seal — an older, shorter copy presented as current — fail, where every
/// prefix ending at a final seal would otherwise verify, and a log cut back and continued (a second history under
/// the same counters) fail as a fork.
///
/// Kept in a small file, one JSON object a line (`{"head": "…", "key": "ed25519:…", "log": "…", "plan": "p-…",
/// "seal": N}`: per log, the highest seal counter seen and the chain head that seal signs), written whole or absent
/// under a lock (`check(_:recordedAt:)`, `note(_:recordedAt:)`), or, by a writer at each seal it makes, one line
/// appended (`record(_:at:)`; a log's later lines raise its entry); `verify --key` and the writers of the home keep it
/// in the evlog home, `verify --keyring DIR` in DIR. Lines written before logs were told apart by their first seal
/// (`{"key", "plan", "seal"}`) still count, per key and plan, for the counter.
public struct LastSeenSeals: Sendable, Equatable {
    /// The file's name: beside a keyring's `<host>.pub` files, or in the evlog home.
    public static let fileName = "last-seen-seals.jsonl"

    /// The record kept in `directory` (an evlog home, or a keyring's directory).
    public static func path(in directory: String) -> String { directory + "/" + fileName }

    /// One log: the highest seal counter seen for it and, except in older lines, that seal's chain head.
    struct Entry: Codable, Sendable, Equatable {
        /// `SealPoint.log` in hex; nil in a line that keys the log by `key` and `plan`.
        var log: String?
        var key: String
        var plan: String
        var seal: UInt64
        /// `SealPoint.chainHead` of seal `seal`, in hex.
        var head: String?
        /// `SealPoint.branch`: the counter of `key`'s first seal after it took the log over, and the chain head of the
        /// seal before it (hex); nil when one key sealed the log.
        var since: UInt64?
        var base: String?

        init(_ point: SealPoint) {
            log = Hex.encode(point.log)
            key = point.key
            plan = point.plan
            seal = point.counter
            head = Hex.encode(point.chainHead)
            since = point.branch?.since
            base = point.branch.map { Hex.encode($0.base) }
        }

        /// Whether `report`, ending at `end`, continues this entry's log along a branch of its own: this entry is of
        /// a key that took the log over after seal `since - 1`, and the log holds that seal, goes past it and carries no
        /// seal of that key — its owner continued it differently (integrity16 finding 4). A copy that ends at or before
        /// that seal is an older copy (rolled back), not a branch.
        func isBranched(from report: SealReport, end: SealPoint) -> Bool {
            guard key != end.key, let since, let base, end.counter >= since, !report.signers.contains(key) else { return false }
            return report.point(at: since - 1).map { Hex.encode($0.chainHead) } == base
        }

        func isAbout(_ point: SealPoint) -> Bool {
            log.map { $0 == Hex.encode(point.log) } ?? (key == point.key && plan == point.plan)
        }
    }

    var entries: [Entry]

    /// Nothing seen yet.
    public init() { entries = [] }

    /// The record at `path`; none when there is no file. Anything but a file holding one (a directory, a FIFO,
    /// a line that is not an entry) is an error saying what it is.
    public init(path: String) throws(SealingError) {
        var status = stat()
        guard stat(path, &status) == 0 else {
            guard errno == ENOENT else { throw .badLastSeenFile(path, String(cString: strerror(errno))) }
            entries = []
            return
        }
        guard status.st_mode & S_IFMT == S_IFREG else { throw .badLastSeenFile(path, "it is \(FileKind.name(status.st_mode & S_IFMT)), not a file") }
        guard let data = FileManager.default.contents(atPath: path) else { throw .badLastSeenFile(path, "it cannot be read") }
        entries = []
        let lines = data.split(separator: UInt8(ascii: "\n"))
        let decoder = JSONDecoder()
        // Where each log's entry is: merging line by line stays linear in a record of many logs (a search of the
        // entries for every line made a record of 200,000 logs take hours to read: integrity10 finding 15).
        var positions: [String: Int] = [:]
        for (index, line) in lines.enumerated() {
            guard let entry = try? decoder.decode(Entry.self, from: Data(line)) else {
                // A last line without its newline is one being appended right now (`record(_:at:)`), or torn by a crash.
                if index == lines.count - 1, data.last != UInt8(ascii: "\n") { break }
                throw .badLastSeen(path, line: index + 1)
            }
            guard let log = entry.log else {
                entries.append(entry)
                continue
            }
            if let at = positions[log] {
                if entry.seal > entries[at].seal { entries[at] = entry }
            } else {
                positions[log] = entries.count
                entries.append(entry)
            }
        }
    }

    /// Adds a line read: a log's later lines (one per seal its writer made) raise its entry, never lower it.
    mutating func merge(_ entry: Entry) {
        guard let log = entry.log, let index = entries.firstIndex(where: { $0.log == log }) else { return entries.append(entry) }
        if entry.seal > entries[index].seal { entries[index] = entry }
    }

    /// Checks `report` against the record at `path` and, when the log goes further than seen, records how far:
    /// one verifier at a time (`update(recordedAt:_:)`), so verifiers running together never lose each other's
    /// entries. Returns the checked report and, when the record could not be written, why (the verdict stands).
    /// A record that is not one throws.
    /// `sealedHere`: the log was sealed where the record is kept (its header names this home), so the record must name it.
    public static func check(
        _ report: SealReport, recordedAt path: String, sealedHere: Bool = false
    ) throws(SealingError) -> (report: SealReport, unrecorded: String?) {
        var checked = report
        let unrecorded = try update(recordedAt: path) { checked = $0.check(report, sealedHereRecordedAt: sealedHere ? path : nil) }
        return (checked, unrecorded)
    }

    /// Records `point`, a seal this home's writer made (or a log it took over as far as it goes), when it goes as
    /// far as anything seen of its log. Returns why the record could not be written, if it could not.
    public static func note(_ point: SealPoint, recordedAt path: String) throws(SealingError) -> String? {
        try update(recordedAt: path) { $0.note(point) }
    }

    /// Runs `change` on the record at `path` and writes it back when it changed: first on the record as read,
    /// then, if that changes it, again under a `TurnLock` on `<path>.lock` on the record read again. `decidingFirst`,
    /// when given, is always run under that lock with the record as read there, before the record is written: what it
    /// writes is durable before the record changes (the user's decision, `accept`).
    static func update(
        recordedAt path: String, decidingFirst decide: ((LastSeenSeals) throws -> Void)? = nil, _ change: (inout LastSeenSeals) -> Void
    ) throws(SealingError) -> String? {
        var seen = try LastSeenSeals(path: path)
        let before = seen
        change(&seen)
        guard seen != before || decide != nil else { return nil }
        do {
            let directory = (path as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(atPath: directory.isEmpty ? "." : directory, withIntermediateDirectories: true)
            try TurnLock.holding(path + ".lock") {
                var current = try LastSeenSeals(path: path)
                let unchanged = current
                change(&current)
                try decide?(unchanged)
                if current != unchanged { try current.write(to: path) }
            }
        } catch let error as SealingError {
            throw error
        } catch {
            return String(describing: error)
        }
        return nil
    }

    /// Whether a seal of the plan `plan` was seen (its log is in this record).
    public func holds(plan: String) -> Bool { entries.contains { $0.plan == plan } }

    /// Whether a seal of the plan `plan` made by one of `keys` (fingerprints) was seen.
    public func holds(plan: String, sealedByAnyOf keys: Set<String>) -> Bool { entries.contains { $0.plan == plan && keys.contains($0.key) } }

    /// The highest seal seen of the log `point` is a seal of: its counter, and its chain head when known.
    public func seen(_ point: SealPoint) -> (counter: UInt64, chainHead: [UInt8]?)? {
        entries.first { $0.isAbout(point) }.map { ($0.seal, $0.head.flatMap(Hex.decode)) }
    }

    /// Checks `report` against what was seen and, when it verifies and goes further, remembers how far it
    /// goes. Returns the report with `rollback` set when its log ends before a seal already seen, and `fork`
    /// when its seal under a counter already seen signs another chain head.
    /// `sealedHereRecordedAt`: the log was sealed where this record is kept (at that path), whose writers record
    /// every seal they make, so a log it does not name (but one a writer is sealing right now) is `unrecorded` —
    /// unless it ends at its first seal: a writer records a seal once it is durable, so one killed in between leaves
    /// exactly that seal unrecorded (integrity13 #16), and a log no further than its first seal was seen nowhere.
    public mutating func check(_ report: SealReport, sealedHereRecordedAt record: String? = nil) -> SealReport {
        guard let end = report.endPoint else { return report }
        var checked = report
        if seen(end) == nil, let record, report.writer == nil, !LastSeenSeals.endsAtUnrecordedFirstSeal(report) {
            checked.unrecorded = SealReport.Unrecorded(record: record)
            return checked
        }
        if let entry = entries.first(where: { $0.isAbout(end) }), entry.isBranched(from: report, end: end) {
            // Another key's continuation seen first is no measure of this one: neither rolled back nor a fork.
            checked.branch = SealReport.Branch(after: (entry.since ?? 1) - 1, otherKey: entry.key)
            return checked
        }
        if let seen = seen(end) {
            if end.counter < seen.counter {
                checked.rollback = SealReport.Rollback(seen: seen.counter, endsAt: end.counter)
                return checked
            }
            if let head = seen.chainHead, report.point(at: seen.counter)?.chainHead != head {
                checked.fork = SealReport.Fork(counter: seen.counter)
                return checked
            }
        }
        guard !report.failed else { return report }
        note(end)
        return checked
    }

    /// The log ends at its first seal, not a bundle: what a writer killed between that seal's fsync and its line in
    /// the record leaves (`check`). A bundle is sealed by `evlog bundle` of a log already recorded.
    static func endsAtUnrecordedFirstSeal(_ report: SealReport) -> Bool {
        report.bundle == nil && report.lastValid?.counter == 1 && report.broken == nil
    }

    /// Remembers `point` when it goes as far as what was seen of its log (an older line becomes one of this log).
    public mutating func note(_ point: SealPoint) {
        guard let index = entries.firstIndex(where: { $0.isAbout(point) }) else { return entries.append(Entry(point)) }
        if point.counter >= entries[index].seal { entries[index] = Entry(point) }
    }

    /// Writes the record to `path`, whole or absent.
    public func write(to path: String) throws(EventLogError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let lines = entries.sorted { ($0.plan, $0.log ?? "", $0.key) < ($1.plan, $1.log ?? "", $1.key) }.compactMap { try? encoder.encode($0) }
        try WholeFile.write(lines.flatMap { Array($0) + [UInt8(ascii: "\n")] }, to: path)
    }
}
