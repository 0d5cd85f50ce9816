import InstallModel

/// Turning an accepted remediation into events: retry as is, splice its steps in before the failed one,
/// and re-run the failed step changed (its modifiers applied) or replaced (another method's install step).
public enum Remediations {
    /// Records `remediation` accepted and applied to the failed `step`; returns the steps it spliced in before the
    /// step (its fix steps), which other steps of their lock then wait for (`FixStepOrdering`).
    @discardableResult
    public static func apply(_ remediation: Remediation, to step: StepID, recorder: EventRecorder, at time: Timestamp? = nil) throws -> [Step] {
        try recorder.record(.remediationAccepted(step: step, remediationID: remediation.id), at: time)
        switch remediation.strategy {
        case .skip:
            try recorder.record(.stepSkipped(step: step, reason: .userSkipped, detail: remediation.summary), at: time)
            return []
        case .cancel:
            try recorder.record(.planCancelled(reason: remediation.summary), at: time)
            return []
        default:
            let existing = Set(recorder.state.plan?.steps.map(\.id) ?? [])
            let attempt = recorder.state.step(step)?.attempt ?? 0
            var newSteps = uniqueIDs(remediation.steps, avoiding: existing, suffix: "a\(attempt)")
            guard let failed = recorder.state.plannedStep(step) else { return [] }
            var retried: Step?
            if remediation.replacesFailedStep, let last = newSteps.popLast() {
                retried = replacement(last, for: failed)
            }
            if let adjustment = remediation.adjustment { retried = adjustment.applied(to: retried ?? failed) }
            if newSteps.isEmpty, retried == nil {
                try recorder.record(.stepRetry(step: step, reason: "remediation \(remediation.id): \(remediation.summary)"), at: time)
            } else {
                try recorder.record(
                    .remediationApplied(step: step, remediationID: remediation.id, newSteps: newSteps, retriedAs: retried),
                    at: time)
            }
            return newSteps
        }
    }

    /// Another method's install step in the failed step's place: its id, so dependents wait for it, and
    /// the failed step's dependencies (the fold adds the remediation's other steps to them).
    static func replacement(_ step: Step, for failed: Step) -> Step {
        var replacing = step
        replacing.id = failed.id
        replacing.dependsOn = failed.dependsOn
        replacing.tool = failed.tool ?? step.tool
        return replacing
    }

    /// Renames spliced steps whose ids are taken (a remediation applied twice), keeping their own links.
    static func uniqueIDs(_ steps: [Step], avoiding existing: Set<StepID>, suffix: String) -> [Step] {
        guard steps.contains(where: { existing.contains($0.id) }) else { return steps }
        var renamed: [StepID: StepID] = [:]
        for step in steps { renamed[step.id] = StepID(step.id.rawValue + "-" + suffix) }
        return steps.map { step in
            var copy = step
            copy.id = renamed[step.id] ?? step.id
            copy.dependsOn = step.dependsOn.map { renamed[$0] ?? $0 }
            return copy
        }
    }
}
