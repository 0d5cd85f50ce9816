import InstallModel

/// The plan as shown before it runs: steps with kind, risk and dependencies, notes, risk summary, gate.
public enum PlanSummary {
    public static func text(_ plan: Plan, style: TextStyle) -> String {
        let profile = plan.profile
        var out = style.bold("plan \(shown: plan.id)") + ": \(shown: plan.title) on \(shown: profile.name) (\(shown: "\(profile.distribution) \(profile.version), \(profile.arch)"))\n"
        let ids = plan.steps.map { "\(shown: $0.id)" }
        let width = ids.map(\.count).max() ?? 0
        for (step, shownID) in zip(plan.steps, ids) {
            let id = shownID.padding(toLength: width, withPad: " ", startingAt: 0)
            let kind = step.kind.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0)
            var flags = [step.risk.rawValue]
            if step.needsRoot { flags.append("root") }
            let after = step.dependsOn.isEmpty ? "" : style.dim("  after " + step.dependsOn.shown(joinedBy: ", "))
            out += "  \(id)  \(kind)\(shown: step.label) [\(flags.joined(separator: ", "))]\(after)\n"
        }
        if plan.steps.isEmpty { out += "  nothing to do\n" }
        if let simulation = plan.simulation {
            out += style.dim("  \(shown: simulation.summary)") + "\n"
        }
        for note in plan.notes { out += style.dim("  note: \(shown: note)") + "\n" }
        let summary = plan.riskSummary
        let counts = Risk.allCases.compactMap { risk -> String? in
            let count = summary.counts[risk] ?? 0
            return count == 0 ? nil : "\(risk.rawValue) \(count)"
        }.joined(separator: ", ")
        out += "  risk: \(summary.level.rawValue)" + (counts.isEmpty ? "" : " (\(counts))") + "\n"
        let gate = plan.confirmationGate
        if !gate.isEmpty {
            out += style.yellow("  needs your consent: " + gate.shown(joinedBy: ", ")) + "\n"
        }
        return out
    }
}
