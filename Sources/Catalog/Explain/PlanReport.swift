import InstallModel

/// What `evlog plan --json` prints: the plan, its risk summary, the steps needing consent, and the notes.
public struct PlanReport: Encodable, Sendable {
    public var plan: Plan
    public var riskSummary: RiskSummary
    public var confirmationGate: [GateEntry]
    public var notes: [String]

    /// A step the user must agree to before the plan runs.
    public struct GateEntry: Encodable, Sendable, Hashable {
        public var id: StepID
        public var kind: StepKind
        public var risk: Risk
        public var label: String
    }

    public init(plan: Plan) {
        self.plan = plan
        riskSummary = plan.riskSummary
        confirmationGate = plan.confirmationGate.compactMap { id in
            plan.step(id).map { GateEntry(id: $0.id, kind: $0.kind, risk: $0.risk, label: $0.label) }
        }
        notes = plan.notes
    }

    private enum CodingKeys: String, CodingKey {
        case plan
        case riskSummary = "risk_summary"
        case confirmationGate = "confirmation_gate"
        case notes
    }
}
