import InstallModel

/// Dispatches a step to the executor of its kind (all 15; ARCHITECTURE.md, "The 15 step kinds").
public enum StepExecutors {
    public static func execute(_ step: Step, context: ExecutionContext) async -> StepOutcome {
        let root = step.needsRoot
        switch step.action {
        case .packages(let p): return await PackagesExecutor.execute(p, context: context)
        case .repoSetup(let p): return await RepoSetupExecutor.execute(p, needsRoot: root, context: context)
        case .tool(let p): return await ToolExecutor.execute(p, needsRoot: root, context: context)
        case .postInstall(let p): return await CommandStepExecutor.execute(p, needsRoot: root, context: context)
        case .verify(let p): return await VerifyExecutor.execute(p, context: context)
        case .source(let p): return await SourceExecutor.execute(p, context: context)
        case .build(let p): return await BuildExecutor.execute(p, context: context)
        case .install(let p): return await InstallExecutor.execute(p, needsRoot: root, context: context)
        case .cleanup(let p): return await CleanupExecutor.execute(p, needsRoot: root, context: context)
        case .download(let p): return await DownloadExecutor.execute(p, context: context)
        case .service(let p): return await ServiceExecutor.execute(p, context: context)
        case .config(let p): return await ConfigExecutor.execute(p, needsRoot: root, context: context)
        case .notification(let p): return await NotificationExecutor.execute(p, context: context)
        case .shellConfig(let p): return await ShellConfigExecutor.execute(p, context: context)
        case .githubRelease(let p): return await GitHubReleaseExecutor.execute(p, needsRoot: root, context: context)
        }
    }

    /// The command a step is about, as a user would type it (shown when it starts, kept for `what-ran`).
    public static func summary(of step: Step) -> [String] {
        switch step.action {
        case .packages(let p): PackageManagerCommands.install(p.manager, p.packages)
        case .repoSetup(let p): ["repo_setup", p.manager.rawValue, p.name]
        case .tool(let p):
            p.installer.map { PackageManagerCommands.install($0, [p.package ?? ""]) } ?? ["sh", p.scriptURL ?? ""]
        case .postInstall(let p): p.argv
        case .verify(let p): [p.binary] + p.arguments
        case .source(let p): p.gitURL.map { ["git", "clone", $0, p.destination] } ?? ["curl", "-fL", p.tarballURL ?? ""]
        case .build(let p): [p.system.rawValue, p.directory]
        case .install(let p): [p.method.rawValue, p.destination ?? p.directory]
        case .cleanup(let p): ["rm", "-rf"] + p.paths
        case .download(let p): ["curl", "-fL", "-o", p.destination, p.url]
        case .service(let p): ["service", p.name, p.action.rawValue]
        case .config(let p): ["config", p.action.rawValue, p.path]
        case .notification: ["notify"]
        case .shellConfig(let p): ["shell_config", p.shell.rawValue]
        case .githubRelease(let p): ["github_release", p.repository, p.version]
        }
    }
}
