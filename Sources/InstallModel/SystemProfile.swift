/// The facts about a system that decide how tools get installed there (detected, or a named profile).
public struct SystemProfile: Hashable, Codable, Sendable {
    /// The named profile (`ubuntu-server`) or `detected`.
    public var name: String
    /// debian, rhel, alpine, arch, suse, macos.
    public var osFamily: String
    /// The distribution id from os-release (`ubuntu`, `debian`, `fedora`) or `macos`.
    public var distribution: String
    public var version: String
    /// `ID_LIKE`: the distributions this one derives from (Mint: `ubuntu debian`; Rocky: `rhel centos fedora`);
    /// nil when unknown (named profiles, logs written before it was recorded).
    public var distributionLike: [String]?
    /// The release codename where the distribution has one (`noble`, `bookworm`).
    public var codename: String?
    /// `x86_64` or `aarch64`.
    public var arch: String
    public var initSystem: InitSystem
    /// Package managers found, the primary first.
    public var packageManagers: [PackageManager]
    public var isRoot: Bool
    public var hasSudo: Bool
    /// sudo asks for a password (false: `sudo -n true` succeeded); nil when not probed (named profiles, old logs).
    public var sudoNeedsPassword: Bool?
    public var inContainer: Bool
    /// PEP 668: the system Python refuses `pip install` outside a venv.
    public var externallyManagedPython: Bool
    public var readOnlyRoot: Bool
    /// Programs found on PATH that remediations may need (`rustup`, `pipx`, `docker`, …), probed on a live
    /// system; nil when unknown (named profiles, older logs).
    public var programs: [String]?
    /// Package managers of another system that plans may use here (`foreignManagers: [brew]` in a profile
    /// file, for Linuxbrew): without it, a foreign manager that is merely installed is never chosen.
    public var foreignManagers: [PackageManager]?

    public init(
        name: String, osFamily: String, distribution: String, version: String, codename: String? = nil,
        arch: String, initSystem: InitSystem, packageManagers: [PackageManager], isRoot: Bool, hasSudo: Bool,
        inContainer: Bool, externallyManagedPython: Bool, readOnlyRoot: Bool = false
    ) {
        self.name = name
        self.osFamily = osFamily
        self.distribution = distribution
        self.version = version
        self.codename = codename
        self.arch = arch
        self.initSystem = initSystem
        self.packageManagers = packageManagers
        self.isRoot = isRoot
        self.hasSudo = hasSudo
        self.inContainer = inContainer
        self.externallyManagedPython = externallyManagedPython
        self.readOnlyRoot = readOnlyRoot
    }

    /// The system package manager this profile installs with first.
    public var primaryPackageManager: PackageManager? { packageManagers.first { $0.isSystem } }

    /// The arch name most release assets use (`amd64`, `arm64`).
    public var debianArch: String { arch == "aarch64" ? "arm64" : "amd64" }

    public var isMacOS: Bool { osFamily == "macos" }

    /// This distribution, then the ones it derives from: how recipes and repositories keyed by a
    /// distribution id are looked up (a Mint system uses the `ubuntu` entry).
    public var distributionLineage: [String] { [distribution] + (distributionLike ?? []) }

    /// Root is reachable: we are root, or sudo exists.
    public var canBecomeRoot: Bool { isRoot || hasSudo }

    /// How this profile's user reaches root.
    public var privilege: Privilege {
        if isRoot { return .root }
        guard hasSudo else { return .none }
        return sudoNeedsPassword == false ? .passwordlessSudo : .passwordSudo
    }

    public func has(_ manager: PackageManager) -> Bool { packageManagers.contains(manager) }

    /// Whether `manager` installs another system's packages here: pacman, zypper or dnf on Debian, Homebrew on
    /// Linux. Language installers and snap belong to no system; on a family evlog does not know, none is foreign.
    public func isForeign(_ manager: PackageManager) -> Bool {
        guard let home = manager.homeFamily, PackageManager.allCases.contains(where: { $0.homeFamily == osFamily }) else { return false }
        return home != osFamily
    }

    /// The system package managers found here that plans may use: the system's own, the foreign ones the
    /// profile allows (`foreignManagers`), and `asked` (`--method pacman`) when it names one.
    public func usableSystemManagers(asked: String? = nil) -> [PackageManager] {
        packageManagers.filter { manager in
            manager.isSystem && (!isForeign(manager) || foreignManagers?.contains(manager) == true || asked == manager.rawValue)
        }
    }
}

/// How a user reaches root: already root, sudo without a password, sudo with one, or not at all.
public enum Privilege: String, Hashable, Codable, Sendable {
    case root
    case passwordlessSudo = "passwordless-sudo"
    case passwordSudo = "password-sudo"
    case none

    /// For `evlog profile`.
    public var summary: String {
        switch self {
        case .root: "root"
        case .passwordlessSudo: "sudo without a password (sudo -n works: no terminal needed)"
        case .passwordSudo: "sudo with a password (asked on the terminal, or --sudo-password-stdin)"
        case .none: "no way to root (user-scope methods only: pipx, cargo, go, npm, releases into ~/.local/bin)"
        }
    }
}

/// The init system that manages services.
public enum InitSystem: String, Hashable, Codable, Sendable {
    case systemd, openrc, sysv, launchd, none
}
