import InstallModel
import Orchestrator

/// Whether a command's end, as its log recorded it, agrees with the timeout the reproduction derives for
/// it from the plan (the `CommandSpec` its executor builds, as `install` does): a log cannot make a
/// command time out that the plan's timeout could not stop (F13).
///
/// Whether the command was stopped at its timeout is what its `command_finished` says (`timed_out`), not
/// guessed from times: an exit by itself within a second of the timeout and a stop at it look alike
/// (`ReplayDriver.termination`). Times only catch what evlog cannot have recorded.
///
/// evlog stops a command when its timeout has run from its launch, so a command recorded as stopped at
/// its timeout ran at least that long, and one recorded as ending by itself ended before it. Only the
/// moment the end is stamped (after the last output is read) may come a little later: `marginMicros`.
struct RecordedTimeout {
    /// How late the end of a command may be stamped after it ended.
    static let marginMicros: Int64 = 1_000_000

    /// How the reproduction ends the command, and why the log cannot be right, when it cannot.
    var termination: CommandTermination
    var contradiction: String?

    /// The command ended `recorded` after `ranMicros` (from its `command_started` to its `command_finished`)
    /// in step `step`, whose derived timeout is `timeoutSeconds`.
    init(_ recorded: CommandTermination, ranMicros: Int64?, timeoutSeconds: Int, step: StepID) {
        termination = recorded
        guard let ranMicros else { return }
        let limit = Int64(timeoutSeconds) * 1_000_000
        let ran = "\(ranMicros / 1_000) ms"
        let endedByItself = if case .exited = recorded { true } else if case .signaled = recorded { true } else { false }
        if recorded == .timedOut, ranMicros < limit - Self.marginMicros {
            contradiction =
                "the original recorded step \(step)'s command as stopped at its timeout after \(ran), but the plan gives the step \(timeoutSeconds) s"
        } else if endedByItself, ranMicros > limit + Self.marginMicros {
            termination = .timedOut
            contradiction =
                "the original recorded step \(step)'s command as ending by itself after \(ran), past the \(timeoutSeconds) s timeout the plan gives the step: evlog would have stopped it then"
        }
    }
}
