import InstallModel

/// The names recipes may use as keys, so a typo fails at load time instead of silently never matching.
public enum CatalogVocabulary {
    /// Distribution ids (os-release `ID`, plus `macos`) a package entry may be keyed by.
    static let distributions: Set<String> = [
        "ubuntu", "debian", "fedora", "rhel", "centos", "rocky", "almalinux", "alpine", "arch", "manjaro",
        "opensuse-leap", "opensuse-tumbleweed", "macos",
    ]

    /// Package managers that install system packages.
    static let systemManagers: [PackageManager] = PackageManager.allCases.filter(\.isSystem)

    /// Installers a language method may name.
    static let languageInstallers: [PackageManager] = [.pipx, .pip, .cargo, .npm, .go, .gem]

    /// The system package manager a distribution installs with.
    public static func manager(forDistribution distribution: String) -> PackageManager? {
        switch distribution {
        case "ubuntu", "debian": .apt
        case "fedora", "rhel", "centos", "rocky", "almalinux": .dnf
        case "alpine": .apk
        case "arch", "manjaro": .pacman
        case "opensuse-leap", "opensuse-tumbleweed": .zypper
        case "macos": .brew
        default: nil
        }
    }

    /// The entry keys a distribution answers to, most specific first: Rocky and Alma use what RHEL uses
    /// unless a recipe names them (`rocky: …` wins over `rhel: …`).
    static func distributionKeys(for distribution: String) -> [String] {
        switch distribution {
        case "rocky", "almalinux": [distribution, "rhel"]
        default: [distribution]
        }
    }

    /// The keys a profile's package entries and repository variants are looked up by, nearest first: the
    /// distribution, what it derives from (ID_LIKE), and the family a rebuild follows (Rocky, Alma → rhel).
    static func entryKeys(for profile: SystemProfile) -> [String] {
        var keys: [String] = []
        for key in profile.distributionLineage.flatMap(distributionKeys(for:)) where !keys.contains(key) { keys.append(key) }
        return keys
    }

    /// Whether `key` may key a package entry or a repository variant.
    static func isEntryKey(_ key: String) -> Bool {
        distributions.contains(key) || systemManagers.contains { $0.rawValue == key }
    }

    static var entryKeysList: String {
        (systemManagers.map(\.rawValue) + distributions.sorted()).joined(separator: ", ")
    }
}
