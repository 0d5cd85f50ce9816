/// What the resolver decided to do for some tools on one system; logged whole in `plan_created`.
public struct Plan: Hashable, Codable, Sendable {
    public var id: PlanID
    public var tools: [String]
    public var profile: SystemProfile
    public var steps: [Step]
    /// Why the resolver chose what it chose, and anything it could not do (`ripgrep: already installed`).
    public var notes: [String]
    /// Set when the plan runs against recorded outputs instead of real commands; resume keeps it so.
    public var simulation: Simulation?

    public init(
        id: PlanID, tools: [String], profile: SystemProfile, steps: [Step], notes: [String] = [],
        simulation: Simulation? = nil
    ) {
        self.id = id
        self.tools = tools
        self.profile = profile
        self.steps = steps
        self.notes = notes
        self.simulation = simulation
    }

    public var riskSummary: RiskSummary { RiskSummary(steps: steps) }

    /// The steps a user must consent to before the plan runs: every high or critical one.
    public var confirmationGate: [StepID] { steps.filter { $0.risk >= .high }.map(\.id) }

    public func step(_ id: StepID) -> Step? { steps.first { $0.id == id } }
}

/// How risky a plan is overall, with the number of steps at each level.
public struct RiskSummary: Hashable, Codable, Sendable {
    public var level: Risk
    public var counts: [Risk: Int]

    public init(steps: [Step]) {
        var counts: [Risk: Int] = [:]
        for risk in Risk.allCases { counts[risk] = 0 }
        for step in steps { counts[step.risk, default: 0] += 1 }
        self.counts = counts
        level = steps.map(\.risk).max() ?? .low
    }
}

/// How a simulated plan runs: which recorded outputs, which seed.
public struct Simulation: Hashable, Codable, Sendable {
    /// A fixture set name (`default`) or directory.
    public var fixtureSet: String
    public var seed: UInt64
    public init(fixtureSet: String, seed: UInt64) {
        self.fixtureSet = fixtureSet
        self.seed = seed
    }
}
