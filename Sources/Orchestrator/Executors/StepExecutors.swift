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

    /// The command a step runs first, when it is known before the step runs (a post-install command, a
    /// verify probe); empty otherwise. What really ran is recorded by `command_started`, command by command.
    public static func plannedCommand(of step: Step) -> [String] {
        switch step.action {
        case .postInstall(let p): p.argv
        case .verify(let p): [p.binary] + p.arguments
        default: []
        }
    }
}
