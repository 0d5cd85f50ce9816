import InstallModel

/// `post_install`: one command from the step's data, as root when the step says so.
enum CommandStepExecutor {
    static func execute(_ p: CommandParameters, needsRoot: Bool, context: ExecutionContext) async -> StepOutcome {
        guard !p.argv.isEmpty else { return .failed(.unexplained("the step has an empty command")) }
        // A program named in the user's home (`~/.local/bin/x`, the release the plan installed) is run there.
        var argv = p.argv
        argv[0] = context.expandingHome(argv[0])
        return await context.runAll([argv], asRoot: needsRoot, workingDirectory: p.workingDirectory)
    }
}
