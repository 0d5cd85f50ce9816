/// Names a recipe hands to the system: a service (systemd unit or init script), a group, a repository's name (it
/// names steps and files), a Launchpad PPA (`ppa:owner/name`).
enum SystemNameGrammar {
    static func problem(withService name: String) -> String? {
        GrammarText.isPlainFileName(Substring(name)) ? nil : "is not a service name (letters, digits, '._+-@')"
    }

    /// Why a recipe may not add its user to group `name`, or nil. A group is a key to what its members may touch
    /// — devices (`kvm`, `input`, `video`, `tty`, `disk`), logs (`adm`, `systemd-journal`), root's files (`staff`
    /// writes /usr/local, `shadow`) or root itself (`sudo`, `docker`, `lxd`, `incus-admin`) — so a recipe names only a
    /// group its own system packages create (`OwnSystemNames`: docker's `docker`, created by `docker-ce`), by structure
    /// rather than a list of bad groups that is never complete (trust13 #15, trust20 #9). A group every system ships
    /// with exists before any package, so no recipe's package creates it: refused by that name (`systemGroups`).
    static func problem(withGroup name: String, tool: String, packages: OwnSystemNames.PackageSets) -> String? {
        guard let first = name.first, first == "_" || GrammarText.isLowercaseAlphanumeric(first), name.count <= 32,
            name.allSatisfy({ GrammarText.isLowercaseAlphanumeric($0) || "_-".contains($0) })
        else { return "is not a group name (lowercase letters, digits, '_', '-')" }
        guard !systemGroups.contains(name) else {
            return "is one of the system's own groups, whose members reach devices, logs or root (sudo, staff, kvm, tty, input …); "
                + "a recipe may add the user only to a group its own system packages create"
        }
        return OwnSystemNames.problem(with: name, kind: "group", tool: tool, packages: packages)
    }

    /// The groups distributions create themselves (Debian's base-passwd and udev, Fedora's setup and systemd, Arch's
    /// filesystem, Alpine's baselayout): none is a tool's own, and each reaches devices, logs or root's files.
    static let systemGroups: Set<String> = [
        "root", "sudo", "wheel", "admin", "adm", "shadow", "disk", "kmem", "sys", "bin", "daemon", "staff", "src", "operator",
        "tty", "kvm", "input", "video", "render", "audio", "dialout", "cdrom", "floppy", "tape", "lp", "uucp", "plugdev",
        "netdev", "utmp", "mail", "proc", "systemd-journal", "systemd-network", "lxd", "libvirt", "wireshark", "sgx", "users",
        "nogroup", "nobody", "man", "news", "list", "irc", "games", "voice", "sasl", "scanner", "bluetooth", "fax", "www-data",
        "backup", "messagebus", "polkitd", "crontab", "ssh", "_ssh", "lock", "mem", "log", "ftp", "http", "rfkill",
    ]

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
