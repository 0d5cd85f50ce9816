import Catalog
import Foundation
import InstallModel
import Orchestrator

/// Whether an install a plan log recorded is still on this machine, asked where its own manager looks: the package
/// database for system packages, pipx's venv directory, cargo's list of installed crates, the file for a placed
/// file. `uninstall` and `upgrade` leave out what was removed outside evlog instead of running a command that fails
/// on it (`pipx uninstall`: "Nothing to uninstall", truth11 F8; `pipx upgrade`: "Package is not installed", F11).
public struct InstallPresence: Sendable {
    /// What the manager's own record says of one install (or one package of it).
    public enum Answer: Equatable, Sendable {
        case present, gone
        /// Nothing evlog can ask answered (the manager is not on PATH, or it has no such record).
        case unknown
    }

    private let probe: any SystemProbe
    private let home: String
    private let environment: [String: String]

    public init(
        probe: any SystemProbe = LiveSystemProbe(), home: String = SystemInstallFinder.userHome,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.probe = probe
        self.home = home
        self.environment = environment
    }

    /// Whether the install is still here: present when any of it is, gone when every part is gone.
    public func of(_ how: InstallKind) -> Answer {
        switch how {
        case .packages(let manager, let names):
            let answers = names.map { package(manager, $0) }
            guard !answers.isEmpty else { return .unknown }
            if answers.contains(.present) { return .present }
            return answers.allSatisfy { $0 == .gone } ? .gone : .unknown
        case .language(.pipx, let package):
            return PipxVenvName.venv(package, environment: environment, userHome: home, exists: probe.fileExists) == nil ? .gone : .present
        case .language(.cargo, let package):
            guard let list = answer(["cargo", "install", "--list"]), list.status == 0 else { return .unknown }
            return LanguagePackageVersions.cargoVersion(of: package, list: list.output) == nil ? .gone : .present
        case .language(.go, _), .file:
            guard let path = LifecyclePlanner.installedCommand(how, binary: "") else { return .unknown }
            return probe.fileExists(path.hasPrefix("~/") ? home + path.dropFirst(1) : path) ? .present : .gone
        case .language:
            return .unknown
        }
    }

    /// The package manager's own answer for one package (`dpkg-query -W`: `install ok installed`).
    private func package(_ manager: PackageManager, _ name: String) -> Answer {
        guard let check = PackageManagerCommands.installedCheck(manager, name), let result = answer(check) else { return .unknown }
        return PackageManagerCommands.isInstalled(manager, name, succeeded: result.status == 0, output: result.output) ? .present : .gone
    }

    /// The exit status and output of `argv`, its program looked up on PATH; nil when it is not there or cannot run.
    private func answer(_ argv: [String]) -> (status: Int32, output: String)? {
        guard let program = probe.executablePath(argv[0]) else { return nil }
        return probe.commandResult([program] + argv.dropFirst())
    }
}
