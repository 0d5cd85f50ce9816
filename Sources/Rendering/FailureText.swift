import InstallModel

/// A diagnosis and its remediations as text (shown after a failure, live and in replay).
public enum FailureText {
    public static func text(step: StepID, diagnosis: Diagnosis, style: TextStyle) -> String {
        let confidence = diagnosis.percent
        var out = style.red("    why: \(diagnosis.kind.rawValue)") + " (confidence \(confidence)%)\n"
        for line in diagnosis.evidence.prefix(8) { out += style.dim("      > \(shown: line)") + "\n" }
        return out
    }

    /// What an applied remediation does, after `fix STEP: `: the steps it adds, or, when it adds none, how it runs the
    /// failed step again (repro13 F3: wait-for-lock printed "adds" and nothing after it).
    public static func applied(_ id: String, newSteps: [Step], retriedAs: Step?) -> String {
        guard newSteps.isEmpty else { return "\(shown: id) adds " + newSteps.map(\.id).shown(joinedBy: ", ") }
        guard let adjustment = retriedAs?.adjustment else {
            // A step made to wait for another step's fix (`FixStepOrdering`) names what it now runs after.
            guard let after = retriedAs?.dependsOn, !after.isEmpty else { return "\(shown: id) runs the step again" }
            return "\(shown: id) runs the step again, after " + after.shown(joinedBy: ", ")
        }
        let wait = adjustment.waitSeconds(beforeRun: 1)
        let runs = adjustment.runs
        return "\(shown: id) runs the step again" + (wait > 0 ? " after waiting \(wait) s" : "") + (runs > 1 ? ", up to \(runs) times" : "")
    }

    public static func remediations(_ remediations: [Remediation], chainDepth: Int, style: TextStyle) -> String {
        guard !remediations.isEmpty else { return "" }
        var out = "    what to do" + (chainDepth > 0 ? " (remediation depth \(chainDepth))" : "") + ":\n"
        for (index, remediation) in remediations.enumerated() {
            let availability: String
            switch remediation.availability {
            case .ready: availability = ""
            case .locked(let reason, _): availability = style.dim(" [locked: \(shown: reason)]")
            case .impossible(let reason): availability = style.dim(" [impossible: \(shown: reason)]")
            }
            out += "      \(index + 1). \(shown: remediation.summary) (\(shown: remediation.id), \(remediation.risk.rawValue) risk)\(availability)\n"
        }
        return out
    }
}
