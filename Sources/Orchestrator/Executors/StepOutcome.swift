import InstallModel

/// How a step's execution ended, as the executor reports it.
public enum StepOutcome: Hashable, Sendable {
    /// Done; `note` says anything the user should know (`installed but not on PATH: restart your shell`).
    case done(exitCode: Int32, note: String?)
    /// Nothing to do (`ripgrep is already installed`).
    case skipped(detail: String)
    /// Did not do its work; the cause is typed where the executor knows it (`FailureCause.kind`).
    case failed(FailureCause)
    /// Stopped because evlog was interrupted; the step's effect is uncertain.
    case interrupted
}
