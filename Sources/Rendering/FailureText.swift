import InstallModel

/// A diagnosis and its remediations as text (shown after a failure, live and in replay).
public enum FailureText {
    public static func text(step: StepID, diagnosis: Diagnosis, style: TextStyle) -> String {
        let confidence = Int((diagnosis.confidence * 100).rounded())
        var out = style.red("    why: \(diagnosis.kind.rawValue)") + " (confidence \(confidence)%)\n"
        for line in diagnosis.evidence.prefix(8) { out += style.dim("      > \(shown: line)") + "\n" }
        return out
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
