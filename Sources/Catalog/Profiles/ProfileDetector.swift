import InstallModel

/// Works out the `SystemProfile` of a machine through a `SystemProbe`.
public struct ProfileDetector: Sendable {
    public let probe: any SystemProbe

    public init(probe: any SystemProbe = LiveSystemProbe()) { self.probe = probe }

    /// This machine's profile.
    public static func detect() -> SystemProfile { ProfileDetector().detect() }

    /// This machine's profile, counting `foreign` package managers of another system (`--method pacman` on
    /// Debian) among its own when they are installed.
    public static func detect(allowingForeign foreign: Set<PackageManager>) -> SystemProfile {
        ProfileDetector().detect(allowingForeign: foreign)
    }

    /// Commands whose presence on PATH means a package manager is usable, in the order they are listed.
    static let managerCommands: [(PackageManager, [String])] = [
        (.apt, ["apt-get"]), (.dnf, ["dnf"]), (.yum, ["yum"]), (.zypper, ["zypper"]), (.apk, ["apk"]),
        (.pacman, ["pacman"]), (.brew, ["brew"]), (.snap, ["snap"]), (.pip, ["pip3", "pip"]), (.pipx, ["pipx"]),
        (.cargo, ["cargo"]), (.npm, ["npm"]), (.go, ["go"]), (.gem, ["gem"]),
    ]

    /// The profile; a package manager of another system (Debian's `pacman` package, Homebrew on Linux) is
    /// left out unless `foreign` names it: managers by system, not by presence.
    public func detect(allowingForeign foreign: Set<PackageManager> = []) -> SystemProfile {
        let isMac = probe.kernelName == "Darwin"
        let inContainer = !isMac && detectContainer()
        var profile: SystemProfile
        if isMac {
            let version = probe.commandOutput(["/usr/bin/sw_vers", "-productVersion"]) ?? "unknown"
            profile = SystemProfile(
                name: "detected", osFamily: "macos", distribution: "macos", version: version,
                codename: Self.macCodename(version: version), arch: Self.normalizedArch(probe.machine),
                initSystem: .launchd, packageManagers: [], isRoot: false, hasSudo: false, inContainer: false,
                externallyManagedPython: false)
        } else {
            let release = OSRelease(text: probe.readFile("/etc/os-release") ?? probe.readFile("/usr/lib/os-release") ?? "")
            profile = SystemProfile(
                name: "detected", osFamily: release.family, distribution: release.id,
                version: release.versionID.isEmpty ? "unknown" : release.versionID, codename: release.codename,
                arch: Self.normalizedArch(probe.machine), initSystem: detectInit(inContainer: inContainer),
                packageManagers: [], isRoot: false, hasSudo: false, inContainer: inContainer,
                externallyManagedPython: false)
        }
        if !isMac {
            let like = OSRelease(text: probe.readFile("/etc/os-release") ?? probe.readFile("/usr/lib/os-release") ?? "").idLike
            profile.distributionLike = like.isEmpty ? nil : like
        }
        let family = profile.osFamily
        profile.packageManagers = detectManagers(family: family).filter { !profile.isForeign($0) || foreign.contains($0) }
        let allowed = profile.packageManagers.filter(profile.isForeign)
        profile.foreignManagers = allowed.isEmpty ? nil : allowed
        profile.isRoot = probe.effectiveUserID == 0
        if !profile.isRoot, let sudo = probe.executablePath("sudo") {
            (profile.hasSudo, profile.sudoNeedsPassword) = detectSudo(at: sudo)
        }
        profile.externallyManagedPython = isMac ? detectBrewPython() : detectPEP668()
        profile.readOnlyRoot = probe.rootIsReadOnly
        profile.programs = Self.remediationPrograms.filter { probe.executablePath($0) != nil }
        return profile
    }

    /// Whether sudo lets this user become root, and whether it wants a password: `sudo -n true` succeeds
    /// without one; otherwise `sudo -n -v` tells a password-needing sudoer from a user sudo refuses.
    private func detectSudo(at sudo: String) -> (usable: Bool, needsPassword: Bool?) {
        if let result = probe.commandResult([sudo, "-n", "true"]), result.status == 0 { return (true, false) }
        guard let check = probe.commandResult([sudo, "-n", "-v"]) else { return (true, nil) }
        if check.output.contains("may not run sudo") || check.output.contains("not in the sudoers") { return (false, nil) }
        return (true, true)
    }

    /// `x86_64`/`amd64` → `x86_64`; `aarch64`/`arm64` → `aarch64`.
    static func normalizedArch(_ machine: String) -> String {
        switch machine.lowercased() {
        case "x86_64", "amd64": "x86_64"
        case "aarch64", "arm64": "aarch64"
        default: machine
        }
    }

    static func macCodename(version: String) -> String? {
        switch Version(version)?.components.first {
        case 11: "big-sur"
        case 12: "monterey"
        case 13: "ventura"
        case 14: "sonoma"
        case 15: "sequoia"
        case 26: "tahoe"
        default: nil
        }
    }

    private func detectContainer() -> Bool {
        if probe.fileExists("/.dockerenv") || probe.fileExists("/run/.containerenv") { return true }
        let cgroup = probe.readFile("/proc/1/cgroup") ?? ""
        return ["docker", "kubepods", "containerd", "libpod", "lxc"].contains { cgroup.contains($0) }
    }

    private func detectInit(inContainer: Bool) -> InitSystem {
        if probe.fileExists("/run/systemd/system") { return .systemd }
        if probe.fileExists("/run/openrc") { return .openrc }
        if !inContainer && probe.fileExists("/etc/init.d") { return .sysv }
        return .none
    }

    /// Programs whose presence decides whether a remediation can run (`binary:` requirements, the
    /// installers a switch of method needs); probed so availability is true, not assumed.
    static let remediationPrograms = [
        "rustup", "cargo", "pipx", "pip", "pip3", "python3", "npm", "node", "corepack", "go", "gem", "docker",
        "curl", "wget", "git", "make", "gcc", "cmake",
    ]

    /// Package managers on PATH, the family's primary one first.
    private func detectManagers(family: String) -> [PackageManager] {
        var found: [PackageManager] = []
        for (manager, commands) in Self.managerCommands where commands.contains(where: { probe.executablePath($0) != nil }) {
            found.append(manager)
        }
        let primary: PackageManager? =
            switch family {
            case "debian": .apt
            case "rhel": .dnf
            case "alpine": .apk
            case "arch": .pacman
            case "suse": .zypper
            case "macos": .brew
            default: nil
            }
        if let primary, let index = found.firstIndex(of: primary) {
            found.remove(at: index)
            found.insert(primary, at: 0)
        }
        return found
    }

    /// PEP 668: an `EXTERNALLY-MANAGED` file in a system Python's stdlib directory.
    private func detectPEP668() -> Bool {
        for base in ["/usr/lib", "/usr/local/lib"] {
            for entry in probe.directoryEntries(base).sorted() where entry.hasPrefix("python3") {
                if probe.fileExists(base + "/" + entry + "/EXTERNALLY-MANAGED") { return true }
            }
        }
        return false
    }

    /// Homebrew's Python is externally managed; the macOS one is only reachable through Xcode's tools.
    private func detectBrewPython() -> Bool {
        probe.fileExists("/opt/homebrew/bin/python3") || probe.fileExists("/usr/local/bin/python3")
    }
}
