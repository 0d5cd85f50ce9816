import InstallModel

/// `post_install`: one command from the step's data, as root when the step says so.
enum CommandStepExecutor {
    static func execute(_ p: CommandParameters, needsRoot: Bool, context: ExecutionContext) async -> StepOutcome {
        guard !p.argv.isEmpty else { return .failed(.unexplained("the step has an empty command")) }
        return await context.runAll([p.argv], asRoot: needsRoot, workingDirectory: p.workingDirectory)
    }
}
