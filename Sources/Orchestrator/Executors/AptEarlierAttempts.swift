import CivilTime
import InstallModel

/// apt's entries of the transactions a packages step ran in its earlier attempts of this plan: one killed while
/// dpkg worked, or one that failed after dpkg had begun. apt writes an entry (`End-Date` or not) before dpkg changes
/// anything, and its `Install:` packages were absent when that transaction began, so what they name and the machine
/// still has is the step's, though this attempt found it there: a resumed step owns what its interrupted attempt
/// added (truth12 F1, F2; repro13 F9) instead of recording it as "already on this machine".
enum AptEarlierAttempts {
    /// Of the entries in `history` (the bytes apt had written when this attempt started), the last `attempt - 1`
    /// whose command line is an `apt-get install` of some of `packages` and that did not start before the plan was
    /// created. apt writes the machine's local time, which may be up to 14 hours off UTC either way, so an entry is
    /// before the plan only when it is more than 14 hours before; an entry whose time cannot be read is kept.
    static func transactions(
        in history: [UInt8]?, attempt: Int, packages: [String], planCreatedAt: Timestamp?
    ) -> [AptHistory.Transaction] {
        guard attempt > 1, let history else { return [] }
        let names = Set(packages)
        let earliest = planCreatedAt.map { created in
            // `2026-12-06 14:03:12 UTC` without its zone: the shape `comparable` gives apt's time.
            String(UTCTime(microseconds: created.adding(microseconds: -zoneSlackMicros).microseconds).text.dropLast(" UTC".count))
        }
        let own = AptHistory.parse(String(decoding: history, as: UTF8.self)).filter { transaction in
            guard installs(transaction.commandLine, within: names) else { return false }
            guard let earliest, let start = transaction.startDate.flatMap(comparable) else { return true }
            return start >= earliest
        }
        return Array(own.suffix(attempt - 1))
    }

    /// Whether an apt command line is `apt-get install` (or `--reinstall`) of packages all among `names`.
    static func installs(_ commandLine: String, within names: Set<String>) -> Bool {
        let words = commandLine.split(separator: " ").map(String.init)
        guard words.count > 2, words[0].split(separator: "/").last == "apt-get", words[1] == "install" else { return false }
        // Options start with `-`; the values of `-o` name apt settings (`DPkg::Lock::Timeout=300`).
        let packages = words.dropFirst(2).filter { !$0.hasPrefix("-") && !$0.contains("::") }
        return !packages.isEmpty && packages.allSatisfy(names.contains)
    }

    /// `2026-12-06  14:03:12` as `2026-12-06 14:03:12`, which orders as the times do; nil when it is not that shape.
    static func comparable(_ startDate: String) -> String? {
        let parts = startDate.split(separator: " ")
        guard parts.count == 2, parts[0].count == 10, parts[1].count == 8 else { return nil }
        return parts[0] + " " + parts[1]
    }

    /// The most a local time differs from UTC (UTC+14), in microseconds.
    static let zoneSlackMicros: Int64 = 14 * 3600 * 1_000_000
}
