import InstallModel

/// apt's own account of its transactions (`/var/log/apt/history.log`): for each run of apt that changed
/// packages, its command line and the packages it installed and upgraded. apt writes the entry before dpkg
/// changes anything, so a transaction that changed the package set always has one.
struct AptHistory: Sendable {
    /// One apt run's entry.
    struct Transaction: Hashable, Sendable {
        /// `Commandline:`: apt's argv joined by spaces.
        var commandLine: String
        /// `Install:` packages (without `:arch`).
        var installed: Set<String>
        /// `Upgrade:` packages (without `:arch`) and their versions before and after.
        var upgraded: [PackageUpgrade]
        /// `Start-Date:` as apt wrote it (the machine's local time, `2026-12-06  14:03:12`); nil when absent.
        var startDate: String?
    }

    /// Where apt writes the history (its `Dir::Log::History` default).
    static let path = AptFiles.history

    /// The bytes of the history file, or nil when it cannot be read here.
    static func bytes(_ fileSystem: any FileSystem) -> [UInt8]? { (try? fileSystem.read(path)) ?? nil }

    /// The transactions written after the first `offset` bytes (the size before a step ran); a file shorter than
    /// that was rotated meanwhile and is read whole.
    static func transactions(in bytes: [UInt8], after offset: Int) -> [Transaction] {
        let start = offset <= bytes.count ? offset : 0
        return parse(String(decoding: bytes[start...], as: UTF8.self))
    }

    /// The entries of a history text: paragraphs of `Field: value` lines separated by blank lines.
    static func parse(_ text: String) -> [Transaction] {
        var transactions: [Transaction] = []
        var current: Transaction?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("Start-Date:") || line.trimmingCharacters(in: .whitespaces).isEmpty {
                if let current { transactions.append(current) }
                let start = line.hasPrefix("Start-Date:") ? line.dropFirst("Start-Date:".count).trimmingCharacters(in: .whitespaces) : nil
                current = start.map { Transaction(commandLine: "", installed: [], upgraded: [], startDate: $0) }
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if current == nil { current = Transaction(commandLine: "", installed: [], upgraded: []) }
            switch line[..<colon] {
            case "Commandline": current?.commandLine = value
            case "Install": current?.installed.formUnion(packages(value).map(\.name))
            case "Upgrade":
                current?.upgraded += packages(value).compactMap { package in
                    let versions = package.detail.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                    return versions.count == 2 ? PackageUpgrade(package: package.name, from: versions[0], to: versions[1]) : nil
                }
            default: break
            }
        }
        if let current { transactions.append(current) }
        return transactions
    }

    /// `name:arch (detail), name:arch (detail)` → names without the architecture, and what the parentheses hold.
    private static func packages(_ value: String) -> [(name: String, detail: String)] {
        value.components(separatedBy: "), ").compactMap { item in
            guard let open = item.firstIndex(of: "(") else { return nil }
            let qualified = item[..<open].trimmingCharacters(in: .whitespaces)
            let name = qualified.split(separator: ":", maxSplits: 1).first.map(String.init) ?? qualified
            let detail = item[item.index(after: open)...].prefix { $0 != ")" }
            return name.isEmpty ? nil : (name, String(detail))
        }
    }

    /// Whether a transaction's command line is `argv`: the same words, the program compared by its name (apt
    /// records argv[0] as it was given, which may be a path).
    static func commandLine(_ line: String, is argv: [String]) -> Bool {
        let words = line.split(separator: " ").map(String.init)
        guard let program = words.first, let ours = argv.first, words.count == argv.count else { return false }
        let name = { (path: String) in path.split(separator: "/").last.map(String.init) ?? path }
        return name(program) == name(ours) && Array(words.dropFirst()) == Array(argv.dropFirst())
    }
}
