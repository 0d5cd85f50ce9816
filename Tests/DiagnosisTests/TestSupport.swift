import Diagnosis
import InstallModel

/// Shared values for the Diagnosis tests.
enum TestSupport {
    static func catalog() throws -> RuleCatalog { try RuleCatalog.bundled() }

    static func profile(
        init initSystem: InitSystem = .systemd, managers: [PackageManager] = [.apt, .pip], isRoot: Bool = false,
        hasSudo: Bool = true, readOnlyRoot: Bool = false
    ) -> SystemProfile {
        SystemProfile(
            name: "test", osFamily: "debian", distribution: "debian", version: "12", codename: "bookworm",
            arch: "x86_64", initSystem: initSystem, packageManagers: managers, isRoot: isRoot, hasSudo: hasSudo,
            inContainer: false, externallyManagedPython: true, readOnlyRoot: readOnlyRoot)
    }

    static func analyse(
        _ output: String, exitCode: Int32? = 1, command: [String] = [], step: Step? = nil,
        profile: SystemProfile? = nil, timedOut: Bool = false, interrupted: Bool = false
    ) throws -> Diagnosis {
        Analyser.analyse(
            output: output, exitCode: exitCode,
            context: AnalysisContext(step: step, command: command, profile: profile), catalog: try catalog(),
            timedOut: timedOut, interrupted: interrupted)
    }

    static let aptStep = Step(
        id: "install-ripgrep", label: "Install ripgrep with apt",
        action: .packages(PackagesParameters(manager: .apt, packages: ["ripgrep"])), dependsOn: ["apt-repo"],
        needsRoot: true, tool: "ripgrep")
    static let aptRepoStep = Step(
        id: "apt-repo", label: "Add the repository", action: .repoSetup(RepoSetupParameters(manager: .apt, name: "x")),
        needsRoot: true)
}
