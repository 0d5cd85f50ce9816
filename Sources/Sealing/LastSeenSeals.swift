import EventLog
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The highest seal counter a verifier has seen, per signing key and plan (Docs/FORMAT.md §9.6): what
/// makes a log cut back to an earlier final seal — an older, shorter copy presented as current — fail,
/// where every prefix ending at a final seal would otherwise verify.
///
/// Kept in a small file, one JSON object a line (`{"key": "ed25519:…", "plan": "p-…", "seal": N}`),
/// written whole or absent under a lock (`check(_:recordedAt:)`); `verify --key` keeps it in the evlog home, `verify --keyring DIR` in DIR.
public struct LastSeenSeals: Sendable, Equatable {
    /// The file's name: beside a keyring's `<host>.pub` files, or in the evlog home.
    public static let fileName = "last-seen-seals.jsonl"

    /// The record kept in `directory` (an evlog home, or a keyring's directory).
    public static func path(in directory: String) -> String { directory + "/" + fileName }

    /// One key's plan: the highest seal counter seen for it.
    struct Entry: Codable, Sendable, Equatable {
        var key: String
        var plan: String
        var seal: UInt64
    }

    private(set) var entries: [Entry]

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
        var entries: [Entry] = []
        for (index, line) in data.split(separator: UInt8(ascii: "\n")).enumerated() {
            guard let entry = try? JSONDecoder().decode(Entry.self, from: Data(line)) else { throw .badLastSeen(path, line: index + 1) }
            entries.append(entry)
        }
        self.entries = entries
    }

    /// Checks `report` against the record at `path` and, when the log goes further than seen, records how far:
    /// one verifier at a time (a `TurnLock` on `<path>.lock`, the record read again under it), so verifiers
    /// running together never lose each other's entries. Returns the checked report and, when the record could
    /// not be written, why (the verdict stands). A record that is not one throws.
    public static func check(_ report: SealReport, recordedAt path: String) throws(SealingError) -> (report: SealReport, unrecorded: String?) {
        var seen = try LastSeenSeals(path: path)
        let before = seen
        var checked = seen.check(report)
        guard seen != before else { return (checked, nil) }
        do {
            let directory = (path as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(atPath: directory.isEmpty ? "." : directory, withIntermediateDirectories: true)
            try TurnLock.holding(path + ".lock") {
                var current = try LastSeenSeals(path: path)
                let unchanged = current
                checked = current.check(report)
                if current != unchanged { try current.write(to: path) }
            }
        } catch let error as SealingError {
            throw error
        } catch {
            return (checked, String(describing: error))
        }
        return (checked, nil)
    }

    /// The highest counter seen for `plan` sealed by `key` (a fingerprint).
    public func seen(key: String, plan: String) -> UInt64? {
        entries.first { $0.key == key && $0.plan == plan }?.seal
    }

    /// Checks `report` against what was seen and, when it verifies and goes further, remembers how far it
    /// goes. Returns the report with `rollback` set when its log ends before a seal already seen.
    public mutating func check(_ report: SealReport) -> SealReport {
        guard let end = report.endsAtSeal, let seal = report.lastValid else { return report }
        var checked = report
        if let seen = seen(key: seal.fingerprint, plan: report.plan), end < seen {
            checked.rollback = SealReport.Rollback(seen: seen, endsAt: end)
            return checked
        }
        guard !report.failed else { return report }
        if let index = entries.firstIndex(where: { $0.key == seal.fingerprint && $0.plan == report.plan }) {
            entries[index].seal = max(entries[index].seal, end)
        } else {
            entries.append(Entry(key: seal.fingerprint, plan: report.plan, seal: end))
        }
        return checked
    }

    /// Writes the record to `path`, whole or absent.
    public func write(to path: String) throws(EventLogError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let lines = entries.sorted { ($0.key, $0.plan) < ($1.key, $1.plan) }.compactMap { try? encoder.encode($0) }
        try WholeFile.write(lines.flatMap { Array($0) + [UInt8(ascii: "\n")] }, to: path)
    }
}
