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
        /// Why no seal covers the command, when it is in the log's tail after its last seal
        /// (`PlanLog.unsealedTailReason`: `after_final_seal`, `forged_tail`, `unsealed_tail`); nil (left out of JSON) when a seal does.
        public var notSealed: String?

        enum CodingKeys: String, CodingKey {
            case step, attempt, argv, exitCode = "exit_code", durationMicros = "duration_us", startMicros = "start_us"
            case commandLine = "command_line", unsealedAtCrash = "unsealed_at_crash", notSealed = "not_sealed"
        }

        /// What the text listing says after a command no seal covers.
        var notSealedNote: String? {
            switch notSealed {
            case "after_final_seal": "not sealed: after the final seal (appended later)"
            case "forged_tail": "not sealed: after the last seal, where no crash leaves it"
            case "unsealed_tail": "not sealed: after the last seal of a crashed writer (not resumed yet)"
            case let other?: "not sealed: \(other.replacingOccurrences(of: "_", with: " "))"
            case nil: nil
            }
        }
    }

    public var plan: PlanID?
    public var commands: [Entry]

    /// The commands of `timeline`; those after its last seal are marked with `tailNotSealed`, why the log's tail is
    /// not covered (`PlanLog.unsealedTailReason`), when it is not.
    public init(_ timeline: RunTimeline, tailNotSealed: String? = nil) {
        plan = timeline.state.plan?.id
        let afterLastSeal: Set<Int> = tailNotSealed == nil ? [] : timeline.commandsAfterLastSeal
        commands = timeline.commands.enumerated().map { index, command in
            Entry(
                step: command.step, attempt: command.attempt, argv: command.argv, exitCode: command.exitCode,
                durationMicros: command.end.map { $0.microseconds(since: command.start) },
                startMicros: command.start.microseconds(since: timeline.origin),
                commandLine: ShellQuoting.line(command.argv), unsealedAtCrash: command.fromCrashTail,
                notSealed: afterLastSeal.contains(index) ? tailNotSealed : nil)
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
            let notSealed = entry.notSealedNote.map { style.red(" [\($0)]") } ?? ""
            out += "\(step)  \(exit)  \(duration.padding(toLength: 7, withPad: " ", startingAt: 0))  \(shown: entry.commandLine)\(again)\(unsealed)\(notSealed)\n"
        }
        return out
    }
}
