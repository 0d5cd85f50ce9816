import InstallModel

/// Turning an accepted remediation into events: retry as is, or splice its steps in before the failed one.
public enum Remediations {
    public static func apply(_ remediation: Remediation, to step: StepID, recorder: EventRecorder, at time: Timestamp? = nil) throws {
        try recorder.record(.remediationAccepted(step: step, remediationID: remediation.id), at: time)
        switch remediation.strategy {
        case .skip:
            try recorder.record(.stepSkipped(step: step, reason: .userSkipped, detail: remediation.summary), at: time)
        case .cancel:
            try recorder.record(.planCancelled(reason: remediation.summary), at: time)
        default:
            let existing = Set(recorder.state.plan?.steps.map(\.id) ?? [])
            let attempt = recorder.state.step(step)?.attempt ?? 0
            let newSteps = uniqueIDs(remediation.steps, avoiding: existing, suffix: "a\(attempt)")
            if newSteps.isEmpty {
                try recorder.record(.stepRetry(step: step, reason: "remediation \(remediation.id): \(remediation.summary)"), at: time)
            } else {
                try recorder.record(.remediationApplied(step: step, remediationID: remediation.id, newSteps: newSteps), at: time)
            }
        }
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
