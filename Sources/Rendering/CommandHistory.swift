import InstallModel

/// `evlog what-ran`: every command the plan ran, in order, with its step, exit code, duration and a
/// command line to run it again (argv as logged, so already redacted).
public struct CommandHistory: Encodable, Sendable {
    /// One command run.
    public struct Entry: Encodable, Sendable, Hashable {
        public var step: StepID
        public var attempt: Int
        public var argv: [String]
        /// `nil` when the log has no `command_finished` for it (the plan stopped while it ran).
        public var exitCode: Int32?
        public var durationMicros: Int64?
        /// Microseconds from the plan's first event to the command's start.
        public var startMicros: Int64
        /// `argv` quoted for a POSIX shell.
        public var commandLine: String
        /// The command, or its end, comes only from a crashed writer's unsealed tail (`RunTimeline.CommandRun.fromCrashTail`).
        public var unsealedAtCrash: Bool

        enum CodingKeys: String, CodingKey {
            case step, attempt, argv, exitCode = "exit_code", durationMicros = "duration_us", startMicros = "start_us"
            case commandLine = "command_line", unsealedAtCrash = "unsealed_at_crash"
        }
    }

    public var plan: PlanID?
    public var commands: [Entry]

    public init(_ timeline: RunTimeline) {
        plan = timeline.state.plan?.id
        commands = timeline.commands.map { command in
            Entry(
                step: command.step, attempt: command.attempt, argv: command.argv, exitCode: command.exitCode,
                durationMicros: command.end.map { $0.microseconds(since: command.start) },
                startMicros: command.start.microseconds(since: timeline.origin),
                commandLine: ShellQuoting.line(command.argv), unsealedAtCrash: command.fromCrashTail)
        }
    }

    public func text(style: TextStyle) -> String {
        guard !commands.isEmpty else { return "no commands ran in this plan\n" }
        let steps = commands.map { "\(shown: $0.step)" }
        let width = steps.map(\.count).max() ?? 0
        var out = ""
        for (entry, shownStep) in zip(commands, steps) {
            let step = shownStep.padding(toLength: width, withPad: " ", startingAt: 0)
            let exitText = entry.exitCode.map { "exit \($0)" } ?? "unfinished"
            let padded = exitText.padding(toLength: max(10, exitText.count), withPad: " ", startingAt: 0)
            let exit: String
            switch entry.exitCode {
            case .none: exit = style.yellow(padded)
            case .some(0): exit = style.green(padded)
            case .some: exit = style.red(padded)
            }
            let duration = entry.durationMicros.map { DurationFormat.describe(microseconds: $0) } ?? "?"
            let again = entry.attempt > 1 ? style.dim(" (attempt \(entry.attempt))") : ""
            let unsealed = entry.unsealedAtCrash ? style.yellow(" [\(SealMarks.crashTailNote)]") : ""
            out += "\(step)  \(exit)  \(duration.padding(toLength: 7, withPad: " ", startingAt: 0))  \(shown: entry.commandLine)\(again)\(unsealed)\n"
        }
        return out
    }
}
