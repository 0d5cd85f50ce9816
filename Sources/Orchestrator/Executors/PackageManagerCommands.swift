import InstallModel

/// The argv each system package manager uses to refresh, install and check packages.
public enum PackageManagerCommands {
    /// How long a package manager waits for another process's lock before giving up. apt, apk and zypper
    /// wait by themselves (and say so); dnf always waits; pacman's lock file is waited for by evlog.
    static let lockWaitSeconds = 600
    /// pacman's lock: a file that exists while another pacman runs.
    static let pacmanLockPath = "/var/lib/pacman/db.lck"

    static func refresh(_ manager: PackageManager) -> [String]? {
        switch manager {
        case .apt: ["apt-get", "update"]
        case .dnf: ["dnf", "makecache"]
        case .yum: ["yum", "makecache"]
        case .zypper: ["zypper", "--non-interactive", "refresh"]
        case .apk: ["apk", "update"]
        case .pacman: ["pacman", "-Sy"]
        case .brew: ["brew", "update"]
        case .snap, .pip, .pipx, .cargo, .npm, .go, .gem: nil
        }
    }

    /// The install command for `packages`, with `options` for the manager. A language installer (pip, pipx,
    /// cargo, npm, go) gets its options first and then `--`, so a package name can never be read as an option
    /// even if one passed the grammars (all five end option parsing at `--`: checked with each of them).
    static func install(_ manager: PackageManager, _ packages: [String], options: [String] = []) -> [String] {
        let command: [String]
        switch manager {
        case .apt:
            // A pinned version (`jq=1.6-2.1`) older than the installed one is a downgrade, which -y alone refuses.
            command = ["apt-get", "install", "-y", "-o", "DPkg::Lock::Timeout=\(lockWaitSeconds)"] + AptNameMatching.options(for: packages)
                + (packages.contains { $0.contains("=") } ? ["--allow-downgrades"] : [])
        case .dnf: command = ["dnf", "install", "-y"]
        case .yum: command = ["yum", "install", "-y"]
        case .zypper: command = ["zypper", "--non-interactive", "install"]
        case .apk: command = ["apk", "add", "--wait", String(lockWaitSeconds)]
        case .pacman: command = ["pacman", "-S", "--noconfirm", "--needed"]
        case .brew: command = ["brew", "install"]
        case .snap: command = ["snap", "install"]
        case .pip, .pipx, .cargo, .npm, .go, .gem:
            return ToolParameters.languageInstall(manager, packages, options: options) ?? []
        }
        return command + packages + options
    }

    /// Installs again packages that are installed (`--reinstall`): each manager's own way of doing so.
    static func reinstall(_ manager: PackageManager, _ packages: [String]) -> [String] {
        switch manager {
        case .apt:
            ["apt-get", "install", "-y", "--reinstall", "-o", "DPkg::Lock::Timeout=\(lockWaitSeconds)"] + AptNameMatching.options(for: packages)
                + (packages.contains { $0.contains("=") } ? ["--allow-downgrades"] : []) + packages
        case .dnf, .yum: [manager.rawValue, "reinstall", "-y"] + packages
        case .zypper: ["zypper", "--non-interactive", "install", "--force"] + packages
        case .apk: ["apk", "fix", "--wait", String(lockWaitSeconds)] + packages
        case .pacman: ["pacman", "-S", "--noconfirm"] + packages
        case .brew: ["brew", "reinstall"] + packages
        case .snap: ["snap", "refresh"] + packages
        case .pip, .pipx, .cargo, .npm, .go, .gem: install(manager, packages, options: ["--force"])
        }
    }

    /// A quiet check whose success (and, for dpkg, output) says the package is installed: the one question evlog
    /// asks a package manager about one package, whether a step or a lifecycle command asks it. An apt package
    /// pinned to a version (`rsync=3.5.0+ds1-0+deb12u1`) is asked about by its name with its version, which
    /// `isInstalled` compares: dpkg-query reads `rsync=…` as a name, finds none and says so (truth11 F6).
    public static func installedCheck(_ manager: PackageManager, _ package: String) -> [String]? {
        switch manager {
        case .apt:
            if let pin = AptPin(package) { ["dpkg-query", "-W", "-f=${Status} ${Version}", pin.name] } else { ["dpkg-query", "-W", "-f=${Status}", package] }
        case .dnf, .yum, .zypper: ["rpm", "-q", package]
        case .apk: ["apk", "info", "-e", package]
        case .pacman: ["pacman", "-Q", package]
        case .brew: ["brew", "list", "--versions", package]
        case .snap: ["snap", "list", package]
        case .pip, .pipx, .cargo, .npm, .go, .gem: nil
        }
    }

    /// Whether `argv` is one of the checks above: a question about the system, not a change to it.
    public static func isInstalledCheck(_ argv: [String]) -> Bool {
        guard let package = argv.last else { return false }
        // The pinned form asks by name too: any version gives its argv.
        return PackageManager.allCases.contains { installedCheck($0, package) == argv || installedCheck($0, package + "=0") == argv }
    }

    static func isInstalled(_ manager: PackageManager, _ package: String, result: CommandResult, output: String) -> Bool {
        isInstalled(manager, package, succeeded: result.succeeded, output: output)
    }

    /// What the answer to `installedCheck` for `package` says: installed when the check succeeded (and, for dpkg, its
    /// status reads `install ok installed`, or `hold ok installed` for a package the user holds (truth12 F19: a held
    /// package was "removed outside evlog"); a removed package whose configuration stays is `deinstall ok config-files`;
    /// for a pinned package, at the version the pin names).
    public static func isInstalled(_ manager: PackageManager, _ package: String, succeeded: Bool, output: String) -> Bool {
        guard succeeded else { return false }
        guard manager == .apt else { return true }
        let words = output.split(whereSeparator: \.isWhitespace)
        guard words.count >= 3, ["install", "hold"].contains(words[0]), words[1] == "ok", words[2] == "installed" else { return false }
        guard let pin = AptPin(package) else { return true }
        return words.count == 4 && pin.isMet(by: String(words[3]))
    }

    static func environment(_ manager: PackageManager) -> [String: String] {
        switch manager {
        case .apt: ["DEBIAN_FRONTEND": "noninteractive"]
        case .brew: ["HOMEBREW_NO_AUTO_UPDATE": "1"]
        case .zypper: ["ZYPP_LOCK_TIMEOUT": String(lockWaitSeconds)]
        default: [:]
        }
    }

    /// Whether this manager changes the system (and so runs as root); brew refuses root.
    static func needsRoot(_ manager: PackageManager) -> Bool {
        manager.isSystem && manager != .brew
    }
}
