import InstallModel

/// `evlog what-failed`: each failed step with its reason, diagnosis (kind, evidence), remediations and
/// the last lines of output of its last attempt.
public struct FailureReport: Encodable, Sendable {
    /// One output line and its stream.
    public struct OutputLine: Encodable, Sendable, Hashable {
        public var stream: OutputChannel
        public var text: String
    }

    /// One failed step.
    public struct Failure: Encodable, Sendable {
        public var step: StepID
        public var label: String
        public var attempt: Int
        public var exitCode: Int32?
        public var reason: String
        public var kind: String?
        public var confidence: Double?
        public var evidence: [String]
        public var remediations: [Remediation]
        public var lastLines: [OutputLine]

        enum CodingKeys: String, CodingKey {
            case step, label, attempt, exitCode = "exit_code", reason, kind, confidence, evidence, remediations
            case lastLines = "last_lines"
        }
    }

    /// Output lines shown per failed step.
    public static let lastLinesMax = 15

    public var plan: PlanID?
    public var status: PlanStatus
    /// For a plan whose writer stopped without ending it: its last event's time (`status` is then `interrupted`).
    public var interruptedSince: String?
    public var failures: [Failure]

    enum CodingKeys: String, CodingKey { case plan, status, interruptedSince = "interrupted_since", failures }

    /// Says that the plan's writer is gone: a plan it left running was interrupted, last heard of at its last event.
    public mutating func writerStopped(_ state: PlanState) {
        guard status == .running else { return }
        status = .interrupted
        interruptedSince = (state.lastEventAt ?? state.startedAt)?.utcText
    }

    public init(_ timeline: RunTimeline) {
        let state = timeline.state
        plan = state.plan?.id
        status = state.status
        failures = state.steps.filter { $0.status == .failed }.map { step in
            let lines = timeline.attempts(of: step.id).last?.lastLines.lines ?? []
            let relevant = lines.filter { $0.text.contains { !$0.isWhitespace } }.suffix(FailureReport.lastLinesMax)
            return Failure(
                step: step.id, label: state.plannedStep(step.id)?.label ?? step.id.rawValue, attempt: step.attempt,
                exitCode: step.exitCode, reason: step.failureReason ?? "failed", kind: step.diagnosis?.kind.rawValue,
                confidence: step.diagnosis?.confidence, evidence: step.diagnosis?.evidence ?? [],
                remediations: step.proposedRemediations,
                lastLines: relevant.map { OutputLine(stream: $0.stream, text: $0.text) })
        }
    }

    public func text(style: TextStyle) -> String {
        guard !failures.isEmpty else {
            let since = interruptedSince.map { " since \($0): its writer stopped without ending it" } ?? ""
            return "no failed steps (plan \(status.rawValue)\(since))\n"
        }
        var out = ""
        for failure in failures {
            let code = failure.exitCode.map { "exit \($0), " } ?? ""
            out += style.red("FAIL \(shown: failure.step)") + "  \(shown: failure.label) (\(code)attempt \(failure.attempt))\n"
            out += "    \(shown: failure.reason)\n"
            if let kind = failure.kind {
                let confidence = Diagnosis.percent(failure.confidence ?? 0)
                out += style.red("    why: \(shown: kind)") + " (confidence \(confidence)%)\n"
                for line in failure.evidence.prefix(8) { out += style.dim("      > \(shown: line)") + "\n" }
            }
            if !failure.lastLines.isEmpty {
                out += "    last output:\n"
                for line in failure.lastLines {
                    out += style.dim("      " + (line.stream == .stderr ? "! " : "| ") + "\(shown: line.text)") + "\n"
                }
            }
            out += FailureText.remediations(failure.remediations, chainDepth: 0, style: style)
        }
        return out
    }
}
