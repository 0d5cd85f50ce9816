import InstallModel

/// A repository's `source`: for apt one `deb` line (options from an allow-list, never `trusted=yes`, a signed-by
/// keyring where keyrings live and always one, an https URI (plain http only to this machine), a suite and components); for dnf, yum and zypper a `.repo` file
/// (sections and `key=value` lines from an allow-list, `gpgcheck` never off) or its URL; for apk and pacman one line.
/// `{name}` holes are checked as if filled.
enum SourceEntryGrammar {
    /// The `[…]` options of a `deb` line evlog writes; `trusted`, `allow-insecure` and the like are left out.
    static let aptOptions: Set<String> = ["arch", "signed-by", "lang", "target", "pdiffs", "by-hash"]
    /// The keys of a `.repo` section evlog writes.
    static let repoFileKeys: Set<String> = [
        "name", "baseurl", "metalink", "mirrorlist", "enabled", "gpgcheck", "repo_gpgcheck", "gpgkey", "type",
        "autorefresh", "metadata_expire", "skip_if_unavailable", "priority", "module_hotfixes",
    ]

    static func problem(with entry: String, for manager: PackageManager) -> String? {
        guard let text = GrammarText.filled(entry) else { return "holds an unknown {placeholder} or a stray brace" }
        guard !text.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" || $0.value == 0x7F }) else {
            return "holds control characters"
        }
        switch manager {
        case .apt: return aptLineProblem(text)
        case .dnf, .yum, .zypper:
            return text.hasPrefix("http") ? DownloadURLGrammar.problem(with: entry) : repoFileProblem(text)
        default:
            return text.contains("\n") || text.isEmpty ? "must be one line" : nil
        }
    }

    private static func aptLineProblem(_ line: String) -> String? {
        guard !line.contains("\n") else { return "must be one line (a second line would add another repository)" }
        var words = line.split(separator: " ", omittingEmptySubsequences: true)[...]
        guard let type = words.popFirst(), type == "deb" || type == "deb-src" else { return "must start with 'deb' or 'deb-src'" }
        if words.first?.hasPrefix("[") == true {
            var options: [Substring] = []
            while let word = words.popFirst() {
                options.append(word)
                if word.hasSuffix("]") { break }
            }
            guard options.last?.hasSuffix("]") == true else { return "has an unclosed '[' option list" }
            let joined = options.joined(separator: " ").dropFirst().dropLast()
            for option in joined.split(separator: " ") {
                let pair = option.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard pair.count == 2, aptOptions.contains(String(pair[0])) else {
                    return "has the option '\(option)' (allowed: \(aptOptions.sorted().joined(separator: ", ")))"
                }
                if pair[0] == "signed-by", RepositoryFileGrammar.problem(withKeyring: String(pair[1])) != nil {
                    return "has signed-by=\(pair[1]), not a keyring in \(RepositoryFileGrammar.keyringDirectories.joined(separator: " or "))"
                }
            }
        }
        guard signedBy(line) != nil else {
            return "needs [signed-by=<keyring>] naming the keyring the repository installs (without it apt trusts every key the system has)"
        }
        guard let uri = words.popFirst(), uri.hasPrefix("https://") || uri.hasPrefix("http://"),
            !uri.dropFirst(uri.hasPrefix("https://") ? 8 : 7).prefix(while: { $0 != "/" }).contains("@"), !uri.contains("'")
        else { return "needs an http or https URI without credentials after the options" }
        guard uri.hasPrefix("https://") || isLoopback(uri.dropFirst(7).prefix(while: { $0 != "/" })) else {
            return "uses plain http to a remote host; use https (plain http only to this machine: 127.0.0.1, [::1], localhost)"
        }
        guard let suite = words.popFirst(), suite.allSatisfy({ GrammarText.isASCIIAlphanumeric($0) || "._-/".contains($0) }) else {
            return "needs a suite (like stable or bookworm) after the URI"
        }
        guard words.allSatisfy({ GrammarText.consists(of: $0, alphanumericsAnd: "._-/") }) else { return "has a component that is not a plain word" }
        return nil
    }

    /// The keyring a `deb` line's `[signed-by=…]` option names, or nil.
    static func signedBy(_ line: String) -> String? {
        guard let open = line.firstIndex(of: "["), let close = line[open...].firstIndex(of: "]") else { return nil }
        for option in line[line.index(after: open)..<close].split(separator: " ") where option.hasPrefix("signed-by=") {
            return String(option.dropFirst("signed-by=".count))
        }
        return nil
    }

    /// Whether an http URI's authority (`host[:port]`) is this machine.
    private static func isLoopback(_ authority: Substring) -> Bool {
        let host = authority.hasPrefix("[") ? authority.prefix(while: { $0 != "]" }) + "]" : authority.prefix(while: { $0 != ":" })
        return host == "localhost" || host == "[::1]" || host.hasPrefix("127.")
            && host.split(separator: ".").count == 4 && host.split(separator: ".").allSatisfy { $0.allSatisfy(\.isNumber) }
    }

    /// The keys of a `.repo` section whose value is where packages or keys come from: one URL each, by the URL grammar.
    static let repoFileURLKeys: Set<String> = ["baseurl", "metalink", "mirrorlist", "gpgkey"]

    /// One section, first (a second would define or redefine another repository, the distribution's own among them:
    /// trust13 #7), then allow-listed keys; gpgcheck never off; each URL through `DownloadURLGrammar`.
    private static func repoFileProblem(_ text: String) -> String? {
        let lines = text.split(separator: "\n").filter { !$0.isEmpty }
        guard lines.first?.hasPrefix("[") == true, lines.filter({ $0.hasPrefix("[") }).count == 1 else {
            return "must be one section, first: [name] (another would define or redefine a repository this one is not)"
        }
        for line in lines {
            if line.hasPrefix("[") {
                guard repoFileSection(text) != nil else { return "has the section header '\(line)', not [name]" }
                continue
            }
            let pair = line.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2, repoFileKeys.contains(String(pair[0])) else {
                return "has the line '\(line.prefix(40))' (keys allowed: \(repoFileKeys.sorted().joined(separator: ", ")))"
            }
            if pair[0] == "gpgcheck" && pair[1] != "1" { return "turns gpgcheck off (packages would go unchecked)" }
            guard repoFileURLKeys.contains(String(pair[0])) else { continue }
            // dnf reads a list of URLs where one is given (split at spaces or commas): one URL, one scheme.
            let value = String(pair[1])
            let problem = value.contains(",") || value.components(separatedBy: "://").count != 2
                ? "is more than one URL" : DownloadURLGrammar.problem(with: value)
            if let problem { return "\(pair[0]) \(GrammarText.shown(value)) \(problem); one URL per key" }
        }
        return nil
    }

    /// The name of a `.repo` text's one section (`[docker-ce-stable]` → `docker-ce-stable`), or nil.
    static func repoFileSection(_ text: String) -> String? {
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("[") }), line.hasSuffix("]") else { return nil }
        let name = line.dropFirst().dropLast()
        return !name.isEmpty && GrammarText.consists(of: name, alphanumericsAnd: "._:-") ? String(name) : nil
    }
}
