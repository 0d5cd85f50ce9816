import EvlogKit
import InstallModel
import Orchestrator

/// The adapter from the command line's option types to the library's plain execution settings.
extension ExecutionSettings {
    /// The settings `global` and `run` (a plan-running command's flags) stand for; the host key is this host's.
    init(global: GlobalOptions, run: RunOptions) {
        self.init(
            home: global.homeDirectory, output: global.outputStyle, yes: run.yes, jobs: run.jobs,
            sudoPasswordStdin: run.sudoPasswordStdin, remediate: run.remediate, crashAtEvent: run.crashAtEvent)
    }
}

extension PlanLaunch {
    /// Starts `plan` as the command line asked, then ends the command as its outcome says (`Finish`).
    static func start(_ plan: Plan, global: GlobalOptions, options: RunOptions, dryRun: Bool, doing: String) async throws {
        let settings = ExecutionSettings(global: global, run: options)
        guard let outcome = try await start(plan, settings: settings, dryRun: dryRun, doing: doing) else { return }
        try Finish.exit(outcome, global: global)
    }
}

extension PlanExecution {
    /// An execution in the home `global` names, with the settings of `global` and `run`.
    init(global: GlobalOptions, run: RunOptions, sudoPassword: String? = nil) {
        let settings = ExecutionSettings(global: global, run: run)
        self.init(archive: PlanArchive(home: settings.home), settings: settings, sudoPassword: sudoPassword)
    }
}
