/// Names a recipe hands to the system: a service (systemd unit or init script), a group, a repository's name (it
/// names steps and files), a Launchpad PPA (`ppa:owner/name`).
enum SystemNameGrammar {
    static func problem(withService name: String) -> String? {
        GrammarText.isPlainFileName(Substring(name)) ? nil : "is not a service name (letters, digits, '._+-@')"
    }

    static func problem(withGroup name: String) -> String? {
        guard let first = name.first, first == "_" || GrammarText.isLowercaseAlphanumeric(first), name.count <= 32,
            name.allSatisfy({ GrammarText.isLowercaseAlphanumeric($0) || "_-".contains($0) })
        else { return "is not a group name (lowercase letters, digits, '_', '-')" }
        return nil
    }

    static func problem(withRepositoryName name: String) -> String? {
        guard let first = name.first, GrammarText.isASCIIAlphanumeric(first),
            GrammarText.consists(of: Substring(name), alphanumericsAnd: "._-")
        else { return "is not a repository name (letters, digits, '._-')" }
        return nil
    }

    static func problem(withPPA ppa: String) -> String? {
        let parts = (ppa.hasPrefix("ppa:") ? ppa.dropFirst(4) : Substring(ppa)).split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ GrammarText.isPlainFileName($0) && $0.first != "@" }) else {
            return "is not a PPA (ppa:owner/name)"
        }
        return nil
    }
}
