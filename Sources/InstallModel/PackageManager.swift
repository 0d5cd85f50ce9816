/// A package manager or language installer a step can use, and so the lock it may hold.
public enum PackageManager: String, Codable, Sendable, CaseIterable, Comparable {
    case apt, dnf, yum, zypper, apk, pacman, brew, snap
    case pip, pipx, cargo, npm, go, gem

    /// System package managers own a machine-wide lock (dpkg frontend, rpm db, brew's lock).
    public var isSystem: Bool {
        switch self {
        case .apt, .dnf, .yum, .zypper, .apk, .pacman, .brew, .snap: true
        case .pip, .pipx, .cargo, .npm, .go, .gem: false
        }
    }

    /// The OS family (`SystemProfile.osFamily`) whose own package manager this is; nil for snap and the
    /// language installers, which belong to no one system.
    public var homeFamily: String? {
        switch self {
        case .apt: "debian"
        case .dnf, .yum: "rhel"
        case .zypper: "suse"
        case .apk: "alpine"
        case .pacman: "arch"
        case .brew: "macos"
        case .snap, .pip, .pipx, .cargo, .npm, .go, .gem: nil
        }
    }

    /// The lock domain: dnf and yum share the rpm database, so they share one lock.
    public var lockDomain: PackageManager { self == .yum ? .dnf : self }

    public static func < (lhs: PackageManager, rhs: PackageManager) -> Bool { lhs.rawValue < rhs.rawValue }
}
