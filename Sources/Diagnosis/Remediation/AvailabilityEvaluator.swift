import InstallModel

/// Works out whether a remediation can run on a system: `ready`, `locked` (with what would unlock it)
/// or `impossible` (with why). With no profile nothing is known, and everything is `ready`.
enum AvailabilityEvaluator {
    /// System package managers that cannot be installed after the fact: missing means impossible.
    private static let nativeManagers: Set<PackageManager> = [.apt, .dnf, .yum, .apk, .pacman, .zypper]

    /// `installsCommand`: the failed step installs a program to run (a tool), not only a library.
    static func evaluate(
        _ requirements: [RemediationRequirement], stepsNeedRoot: Bool, installing: Set<String> = [],
        installsCommand: Bool = true, profile: SystemProfile?
    ) -> RemediationAvailability {
        if requirements.contains(.installsCommand), !installsCommand {
            return .impossible(reason: "it installs programs, and nothing says this package has one to run (a library): use a virtual environment")
        }
        guard let profile else { return .ready }
        var all = requirements
        if stepsNeedRoot, !all.contains(.hasSudoOrRoot) { all.append(.hasSudoOrRoot) }
        if stepsNeedRoot, !all.contains(.writableRoot) { all.append(.writableRoot) }
        var lockReasons: [String] = []
        var unlock: [String] = []
        for requirement in all {
            // The remediation's own steps install what it needs (pipx before `pipx install`).
            if case .binary(let name) = requirement, installing.contains(name) { continue }
            if case .manager(let manager) = requirement, installing.contains(manager.rawValue) { continue }
            switch check(requirement, profile) {
            case .ready: continue
            case .impossible(let reason): return .impossible(reason: reason)
            case .locked(let reason, let deps):
                lockReasons.append(reason)
                for dep in deps where !unlock.contains(dep) { unlock.append(dep) }
            }
        }
        if lockReasons.isEmpty { return .ready }
        return .locked(reason: lockReasons.joined(separator: "; "), unlockDependencies: unlock)
    }

    private static func check(_ requirement: RemediationRequirement, _ profile: SystemProfile) -> RemediationAvailability {
        switch requirement {
        case .installsCommand:
            return .ready
        case .hasSystemd:
            return profile.initSystem == .systemd
                ? .ready : .impossible(reason: "services are not managed by systemd here (init: \(profile.initSystem.rawValue))")
        case .hasOpenRC:
            return profile.initSystem == .openrc
                ? .ready : .impossible(reason: "services are not managed by OpenRC here (init: \(profile.initSystem.rawValue))")
        case .hasSudoOrRoot:
            return profile.canBecomeRoot ? .ready : .impossible(reason: "needs root, and this user is not root and has no sudo")
        case .writableRoot:
            return profile.readOnlyRoot ? .impossible(reason: "the root filesystem is read-only") : .ready
        case .notContainer:
            return profile.inContainer ? .impossible(reason: "not possible inside a container") : .ready
        case .isLinux:
            return profile.isMacOS ? .impossible(reason: "only on Linux") : .ready
        case .isMacOS:
            return profile.isMacOS ? .ready : .impossible(reason: "only on macOS")
        case .manager(let manager):
            return managerAvailability(manager, profile)
        case .binary(let name):
            if let manager = PackageManager(rawValue: name) { return managerAvailability(manager, profile) }
            // A live profile lists the programs remediations need; a named profile does not know them.
            guard let programs = profile.programs else { return .ready }
            return programs.contains(name)
                ? .ready : .impossible(reason: "\(name) is not installed here, and nothing in this remediation installs it")
        }
    }

    private static func managerAvailability(_ manager: PackageManager, _ profile: SystemProfile) -> RemediationAvailability {
        if profile.has(manager) { return .ready }
        if nativeManagers.contains(manager) {
            return .impossible(reason: "\(manager.rawValue) is not this system's package manager")
        }
        if manager == .snap, profile.initSystem != .systemd {
            return .impossible(reason: "snap needs systemd, and this system runs \(profile.initSystem.rawValue)")
        }
        return .locked(reason: "\(manager.rawValue) is not installed", unlockDependencies: [manager.rawValue])
    }
}
