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
        guard !rootEquivalentGroups.contains(name) else {
            return "is a group whose members act as root or read what root keeps (sudo, wheel, shadow, disk …): a recipe may not add the user to it"
        }
        return nil
    }

    /// Groups that give root's power or its secrets: administrators, the raw disks and memory, the password file.
    static let rootEquivalentGroups: Set<String> = ["root", "sudo", "wheel", "admin", "adm", "shadow", "disk", "kmem", "sys", "lxd"]

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
