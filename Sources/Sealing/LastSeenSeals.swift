import EventLog
import Foundation

/// The highest seal counter a verifier has seen, per signing key and plan (Docs/FORMAT.md §9.6): what
/// makes a log cut back to an earlier final seal — an older, shorter copy presented as current — fail,
/// where every prefix ending at a final seal would otherwise verify.
///
/// Kept in a small file, one JSON object a line (`{"key": "ed25519:…", "plan": "p-…", "seal": N}`),
/// written whole or absent; `verify --key` keeps it in the evlog home, `verify --keyring DIR` in DIR.
public struct LastSeenSeals: Sendable, Equatable {
    /// The file's name: beside a keyring's `<host>.pub` files, or in the evlog home.
    public static let fileName = "last-seen-seals.jsonl"

    /// One key's plan: the highest seal counter seen for it.
    struct Entry: Codable, Sendable, Equatable {
        var key: String
        var plan: String
        var seal: UInt64
    }

    private(set) var entries: [Entry]

    /// Nothing seen yet.
    public init() { entries = [] }

    /// The record at `path`; none when there is no file. A file that is not one is an error naming its line.
    public init(path: String) throws(SealingError) {
        guard FileManager.default.fileExists(atPath: path) else {
            entries = []
            return
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw .badLastSeen(path, line: 0) }
        var entries: [Entry] = []
        for (index, line) in data.split(separator: UInt8(ascii: "\n")).enumerated() {
            guard let entry = try? JSONDecoder().decode(Entry.self, from: Data(line)) else { throw .badLastSeen(path, line: index + 1) }
            entries.append(entry)
        }
        self.entries = entries
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
