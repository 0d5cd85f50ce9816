import EventLog
import Foundation

/// The newest bundle seen of each host of a fleet (Docs/FORMAT.md §9.6): what makes an older bundle of a host —
/// an earlier plan's, put back as the host's current bundle — fail `verify --keyring` and show as rolled back on the
/// fleet pages, where `LastSeenSeals` compares only copies of one log. A host is its key (the key of its bundles'
/// final seals), so renaming a `<host>.pub` changes nothing.
///
/// Kept beside the keyring in `last-seen-hosts.jsonl`, one JSON object a line (`{"bundled_at": T, "host": "web1",
/// "key": "ed25519:…", "log": "…", "plan": "p-…"}`), written whole or absent under a lock, as `LastSeenSeals` is.
public struct LastSeenHosts: Sendable, Equatable {
    /// The file's name, beside a keyring's `<host>.pub` files.
    public static let fileName = "last-seen-hosts.jsonl"

    /// The record kept in the keyring `directory`.
    public static func path(in directory: String) -> String { directory + "/" + fileName }

    /// A host's newest bundle seen: its key, name (when the keyring gave one), plan, log and when it was bundled.
    struct Entry: Codable, Sendable, Equatable {
        var key: String
        var host: String?
        var plan: String
        /// `SealPoint.log` in hex.
        var log: String
        var bundledAt: Int64

        enum CodingKeys: String, CodingKey {
            case key, host, plan, log
            case bundledAt = "bundled_at"
        }
    }

    /// By key fingerprint.
    var entries: [String: Entry] = [:]

    /// Nothing seen yet.
    public init() {}

    /// The record at `path`; none when there is no file. A line that is not an entry is an error naming it.
    public init(path: String) throws(SealingError) {
        var status = stat()
        guard stat(path, &status) == 0 else {
            guard errno == ENOENT else { throw .badLastSeenFile(path, String(cString: strerror(errno))) }
            return
        }
        guard status.st_mode & S_IFMT == S_IFREG, let data = FileManager.default.contents(atPath: path) else {
            throw .badLastSeenFile(path, "it is \(FileKind.name(status.st_mode & S_IFMT)), not a readable file")
        }
        for (index, line) in data.split(separator: UInt8(ascii: "\n")).enumerated() {
            guard let entry = try? JSONDecoder().decode(Entry.self, from: Data(line)) else {
                throw .badLastSeenFile(path, "line \(index + 1) is not a host's newest bundle ({\"bundled_at\", \"key\", \"log\", \"plan\"})")
            }
            if entries[entry.key].map({ $0.bundledAt < entry.bundledAt }) ?? true { entries[entry.key] = entry }
        }
    }

    /// The newest bundle seen of the host `name` (as the keyring named it when it was seen): its plan and when it was
    /// bundled; nil when none was.
    public func newest(ofHost name: String) -> (plan: String, bundledAt: Int64)? {
        entries.values.filter { $0.host == name }.max { $0.bundledAt < $1.bundledAt }.map { ($0.plan, $0.bundledAt) }
    }

    /// The bundle `report` describes as this record would hold it: a host's whole, final-sealed bundle, keyed by
    /// the key of its last seal. Nil for a log that is no bundle, or a bundle that fails on its own.
    static func entry(_ report: SealReport) -> Entry? {
        guard let seal = report.lastValid, seal.final, let bundledAt = report.bundle?.bundledAt, report.bundle?.problem == nil,
              let end = report.endPoint, report.broken == nil else { return nil }
        return Entry(key: seal.fingerprint, host: seal.host, plan: report.plan, log: Hex.encode(end.log), bundledAt: bundledAt)
    }

    /// `report` with `hostRollback` set when its host's newest bundle seen is of another log and was bundled later.
    public func check(_ report: SealReport) -> SealReport {
        guard let bundle = LastSeenHosts.entry(report), let newest = entries[bundle.key], newest.log != bundle.log,
              newest.bundledAt > bundle.bundledAt else { return report }
        var checked = report
        checked.hostRollback = SealReport.HostRollback(
            host: newest.host.map { "\($0) (\(newest.key))" } ?? newest.key, newestPlan: newest.plan, newestBundledAt: newest.bundledAt,
            bundledAt: bundle.bundledAt)
        return checked
    }

    /// Remembers `report`'s bundle as its host's newest when it is (or, `replacing`, whatever was seen: the user's
    /// decision, `--accept-rollback`). A report that fails, or no bundle, changes nothing.
    mutating func note(_ report: SealReport, replacing: Bool = false) {
        guard replacing || !report.failed, let bundle = LastSeenHosts.entry(report) else { return }
        if replacing || entries[bundle.key].map({ $0.bundledAt <= bundle.bundledAt }) ?? true { entries[bundle.key] = bundle }
    }

    /// Checks `report` against the record at `path` and, when it is its host's newest bundle (or `accepting`: the
    /// user said it is), records it: under a `TurnLock` on `<path>.lock`, on the record read again. Returns the checked
    /// report and, when the record could not be written, why (the verdict stands). A record that is not one throws.
    public static func check(_ report: SealReport, recordedAt path: String, accepting: Bool = false) throws(SealingError) -> (report: SealReport, unrecorded: String?) {
        let seen = try LastSeenHosts(path: path)
        let checked = accepting ? report : seen.check(report)
        var noted = seen
        noted.note(checked, replacing: accepting)
        guard noted != seen else { return (checked, nil) }
        do {
            try TurnLock.holding(path + ".lock") {
                var current = try LastSeenHosts(path: path)
                let before = current
                current.note(checked, replacing: accepting)
                if current != before { try current.write(to: path) }
            }
        } catch let error as SealingError {
            throw error
        } catch {
            return (checked, String(describing: error))
        }
        return (checked, nil)
    }

    /// Writes the record to `path`, whole or absent, one line a host, by key.
    func write(to path: String) throws(EventLogError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let lines = entries.keys.sorted().compactMap { entries[$0].flatMap { try? encoder.encode($0) } }
        try WholeFile.write(lines.flatMap { Array($0) + [UInt8(ascii: "\n")] }, to: path)
    }
}
