import InstallModel

/// The plan as shown before it runs: steps with kind, risk and dependencies, notes, risk summary, gate.
public enum PlanSummary {
    public static func text(_ plan: Plan, style: TextStyle) -> String {
        let profile = plan.profile
        var out = style.bold("plan \(plan.id)") + ": \(plan.title) on \(profile.name) (\(profile.distribution) \(profile.version), \(profile.arch))\n"
        let width = plan.steps.map(\.id.rawValue.count).max() ?? 0
        for step in plan.steps {
            let id = step.id.rawValue.padding(toLength: width, withPad: " ", startingAt: 0)
            let kind = step.kind.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0)
            var flags = [step.risk.rawValue]
            if step.needsRoot { flags.append("root") }
            let after = step.dependsOn.isEmpty ? "" : style.dim("  after " + step.dependsOn.map(\.rawValue).joined(separator: ", "))
            out += "  \(id)  \(kind)\(step.label) [\(flags.joined(separator: ", "))]\(after)\n"
        }
        if plan.steps.isEmpty { out += "  nothing to do\n" }
        if let simulation = plan.simulation {
            out += style.dim("  " + simulation.summary) + "\n"
        }
        for note in plan.notes { out += style.dim("  note: " + note) + "\n" }
        let summary = plan.riskSummary
        let counts = Risk.allCases.compactMap { risk -> String? in
            let count = summary.counts[risk] ?? 0
            return count == 0 ? nil : "\(risk.rawValue) \(count)"
        }.joined(separator: ", ")
        out += "  risk: \(summary.level.rawValue)" + (counts.isEmpty ? "" : " (\(counts))") + "\n"
        let gate = plan.confirmationGate
        if !gate.isEmpty {
            out += style.yellow("  needs your consent: " + gate.map(\.rawValue).joined(separator: ", ")) + "\n"
        }
        return out
    }
}
