import InstallModel

/// A step label that shows its command line (`run: sh -c '…'`, as `evlog run` names its step) is drawn again
/// from the step's argv as the recorder redacted it, so the label, the plan's argv, `step_started.command` and
/// `command_started.argv` are one redaction of the command line and cannot disagree (secrets10 finding 13).
/// The label's own text around the command line is redacted as any string is.
struct CommandLabels {
    /// Where one step's label shows its argv: the text before and after the command line.
    private struct Frame {
        var step: Int
        var before: String
        var after: String
    }

    private let frames: [Frame]

    /// The labels of `plan`'s steps that show their step's argv, taken before the plan is redacted.
    init(of plan: Plan) {
        frames = plan.steps.indices.compactMap { index in
            let step = plan.steps[index]
            guard case .postInstall(let parameters) = step.action, !parameters.argv.isEmpty else { return nil }
            let line = ShellQuoting.line(parameters.argv)
            guard let range = step.label.range(of: line) else { return nil }
            return Frame(step: index, before: String(step.label[..<range.lowerBound]), after: String(step.label[range.upperBound...]))
        }
    }

    var isEmpty: Bool { frames.isEmpty }

    /// `plan` (redacted) with each framed label drawn from its step's redacted argv.
    func relabel(_ plan: Plan, policy: SecretPolicy) -> Plan {
        var plan = plan
        for frame in frames where plan.steps.indices.contains(frame.step) {
            guard case .postInstall(let parameters) = plan.steps[frame.step].action else { continue }
            plan.steps[frame.step].label = policy.redact(frame.before) + ShellQuoting.line(parameters.argv) + policy.redact(frame.after)
        }
        return plan
    }
}

extension SecretPolicy {
    /// `scrubLearning(payload:)` of an event whose body was `body`; a plan's labels that show their step's
    /// command line are then drawn from the redacted argv (`CommandLabels`). The recorder and the
    /// `EventScrubber` (logs read back, imports) both redact events this way.
    mutating func scrubLearning(payload: inout [UInt8], of body: EventBody) -> (replaced: Bool, learned: [String]) {
        let (replaced, learned) = scrubLearning(payload: &payload)
        guard case .planCreated(let original) = body else { return (replaced, learned) }
        let labels = CommandLabels(of: original)
        guard !labels.isEmpty, let scrubbed = try? EventPayload.decode(payload), case .planCreated(let plan) = scrubbed.body else {
            return (replaced, learned)
        }
        let relabelled = labels.relabel(plan, policy: self)
        guard relabelled != plan,
              let encoded = try? EventPayload.encode(Event(sequence: scrubbed.sequence, time: scrubbed.time, body: .planCreated(relabelled)))
        else { return (replaced, learned) }
        payload = encoded
        return (true, learned)
    }
}
