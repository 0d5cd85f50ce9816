import InstallModel

/// `evlog what-up`: steps started and never finished (running, or uncertain after a crash or signal):
/// when each started, the command it was running, its last output, and what `evlog resume` will do.
public struct OpenStepsReport: Encodable, Sendable {
    /// One open step.
    public struct OpenStep: Encodable, Sendable {
        public var step: StepID
        public var label: String
        public var status: StepStatus
        public var attempt: Int
        /// Microseconds from the plan's first event to the step's start.
        public var startMicros: Int64
        /// From its start to the last event of the log.
        public var openMicros: Int64
        /// The last command it started, and whether the log saw it finish.
        public var command: [String]?
        public var commandFinished: Bool
        public var lastLines: [String]
        public var idempotent: Bool
        /// What resuming does with it.
        public var onResume: String

        enum CodingKeys: String, CodingKey {
            case step, label, status, attempt, startMicros = "start_us", openMicros = "open_us", command
            case commandFinished = "command_finished", lastLines = "last_lines", idempotent, onResume = "on_resume"
        }
    }

    public static let lastLinesMax = 5

    public var plan: PlanID?
    public var status: String
    public var open: [OpenStep]

    /// `status` is the plan's status as the caller sees it (a `running` plan whose writer is gone is interrupted).
    public init(_ timeline: RunTimeline, status: String) {
        let state = timeline.state
        plan = state.plan?.id
        self.status = status
        let last = timeline.lastEventAt ?? timeline.origin
        open = state.openSteps.compactMap { id -> OpenStep? in
            guard let stepState = state.step(id) else { return nil }
            let attempt = timeline.attempts(of: id).last
            let command = attempt?.commandIndices.last.map { timeline.commands[$0] }
            let started = stepState.startedAt ?? attempt?.start ?? last
            let idempotent = state.plannedStep(id)?.idempotent ?? false
            return OpenStep(
                step: id, label: state.plannedStep(id)?.label ?? id.rawValue, status: stepState.status, attempt: stepState.attempt,
                startMicros: started.microseconds(since: timeline.origin), openMicros: last.microseconds(since: started),
                command: command?.argv, commandFinished: command?.exitCode != nil,
                lastLines: (attempt?.lastLines.lines ?? []).suffix(OpenStepsReport.lastLinesMax).map(\.text),
                idempotent: idempotent,
                onResume: idempotent ? "runs it again (idempotent)" : "asks before running it again; `evlog resume --yes` runs it")
        }
    }

    public func text(style: TextStyle) -> String {
        guard !open.isEmpty else { return "nothing open: no step was started without finishing (plan \(status))\n" }
        var out = "plan \(shown: plan?.rawValue ?? "?") is \(shown: status); \(open.count) step\(open.count == 1 ? "" : "s") started and never finished:\n"
        for step in open {
            out += style.yellow("\(step.status.rawValue) \(shown: step.step)") + "  \(shown: step.label) (attempt \(step.attempt), open for \(DurationFormat.describe(microseconds: step.openMicros)))\n"
            if let command = step.command {
                out += "    " + (step.commandFinished ? "last command: $ " : "was running: $ ") + command.shown(joinedBy: " ") + "\n"
            }
            for line in step.lastLines { out += style.dim("    | \(shown: line)") + "\n" }
            out += "    on resume: \(step.onResume)\n"
        }
        return out
    }
}
