import InstallModel
import Rendering

/// The human form of a diagnosis: kind and confidence, the evidence, the ranked remediations. Its lines
/// hold no control characters of their own, so each is shown whole through `NeutralText` (evidence,
/// commands and labels come from logs and pasted output).
public enum DiagnosisText {
    public static func render(_ record: DiagnosisRecord) -> String {
        var lines: [String] = []
        var heading = ""
        if let step = record.step { heading += "step \(step)" + (record.attempt.map { " (attempt \($0))" } ?? "") + ": " }
        let percent = InstallModel.Diagnosis.percent(record.confidence)
        heading += record.kind == FailureKind.unknown.rawValue
            // Certain `unknown` is a policy refusal (`Diagnosis.isPolicyRefusal`); the rules' own is never certain.
            ? (record.confidence == 1.0 ? "refused by evlog's own policy (nothing to retry)" : "unknown: no rule matched well; the last error-looking lines follow")
            : "\(record.kind) (confidence \(percent)%\(record.rule.map { ", rule \($0)" } ?? ""))"
        lines.append(heading)
        if let command = record.command, !command.isEmpty { lines.append("  command: \(command)") }
        if let exitCode = record.exitCode { lines.append("  exit status: \(exitCode)") }
        if let recorded = record.recorded, record.differs == true {
            lines.append(
                "  the log recorded: \(recorded.kind)\(recorded.rule.map { " (rule \($0))" } ?? "") — today's rules say \(record.kind)")
        }
        lines.append("  evidence:")
        for line in record.evidence { lines.append("    | \(line)") }
        if record.evidence.isEmpty { lines.append("    (no output)") }
        if let setAside = record.setAside, !setAside.isEmpty {
            lines.append("  set aside (earlier errors that were not the cause):")
            for line in setAside { lines.append("    - \(line)") }
        }
        lines.append("  what to do:")
        for (index, remediation) in record.remediations.enumerated() {
            var availability = remediation.availability
            if let reason = remediation.reason { availability += ": \(reason)" }
            if let unlock = remediation.unlock, !unlock.isEmpty { availability += " (needs \(unlock.joined(separator: ", ")))" }
            let flags = [remediation.automatic ? "automatic" : nil, remediation.risk == "low" ? nil : "risk \(remediation.risk)"]
                .compactMap { $0 }
            lines.append(
                "    \(index + 1). \(remediation.summary)  [\(remediation.id); \(availability)\(flags.isEmpty ? "" : "; " + flags.joined(separator: ", "))]")
            if record.step == nil, let commands = remediation.commands {
                for command in commands { lines.append("         $ \(command)") }
            } else {
                for step in remediation.steps { lines.append("         + \(step.id): \(step.label)") }
            }
        }
        return lines.shown(joinedBy: "\n")
    }

    public static func render(_ summary: FleetSummary) -> String {
        var lines = [
            "\(summary.planCount) plans, \(summary.failedPlanCount) with failures, \(summary.failureCount) failed steps"
                + (summary.changedDiagnosisCount > 0 ? " (\(summary.changedDiagnosisCount) diagnosed differently today)" : "")
        ]
        func table(_ title: String, _ counts: [String: Int]) {
            guard !counts.isEmpty else { return }
            lines.append("\(title):")
            for (name, count) in counts.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }) {
                lines.append("  \(String(count).leftPadded(to: 6))  \(name)")
            }
        }
        table("by kind", summary.byKind)
        table("by tool", summary.byTool)
        table("by OS", summary.byOS)
        for (path, reason) in summary.unreadable.sorted(by: { $0.key < $1.key }) { lines.append("unreadable: \(path): \(reason)") }
        let uncovered = summary.notCounted.count
        if uncovered > 0 { lines.append("\(uncovered) bundle\(uncovered == 1 ? " not counted (its seals do not cover it)" : "s not counted (their seals do not cover them)"):") }
        for (path, reason) in summary.notCounted.sorted(by: { $0.key < $1.key }) { lines.append("  \(path): \(reason)") }
        return lines.shown(joinedBy: "\n")
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
