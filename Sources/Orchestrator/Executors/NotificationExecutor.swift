import InstallModel

/// `notification`: shows its message. Pausing for acknowledgement is the orchestrator's job.
enum NotificationExecutor {
    static func execute(_ p: NotificationParameters, context: ExecutionContext) async -> StepOutcome {
        context.io.emit(.stdout, Array((p.message + "\n").utf8))
        return .done(exitCode: 0, note: nil)
    }
}
