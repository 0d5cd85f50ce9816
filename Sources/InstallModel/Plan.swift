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
    /// Where a real run happened (user, homes, work directories), for `evlog reproduce`; nil when simulated.
    public var environment: PlanEnvironment?
    /// What the plan is for, when it is not an install (or a recorded command, a plan without tools): logs
    /// written before kinds were recorded, and every install, leave it out, so their bytes stay as they were.
    public var kind: PlanKind?
    /// The overlay recipe files (`--catalog`) the plan's tools came from, as read then, so later uninstalls,
    /// upgrades and `outdated` know the tool without the overlay; absent when every recipe was built in.
    public var recipeFiles: [RecordedRecipeFile]?

    public init(
        id: PlanID, tools: [String], profile: SystemProfile, steps: [Step], notes: [String] = [],
        simulation: Simulation? = nil, kind: PlanKind? = nil
    ) {
        self.id = id
        self.tools = tools
        self.profile = profile
        self.steps = steps
        self.notes = notes
        self.simulation = simulation
        self.kind = kind == .install || (kind == .command && tools.isEmpty) ? nil : kind
    }

    /// What the plan is for: its recorded kind, else an install (or a recorded command when it has no tools).
    public var purpose: PlanKind { kind ?? (tools.isEmpty ? .command : .install) }

    /// `install ripgrep jq`, `uninstall jq`, `record a command`: what the plan does, in a few words.
    public var title: String {
        tools.isEmpty ? purpose.verb : purpose.verb + " " + tools.joined(separator: " ")
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

/// How a simulated plan runs: which recorded outputs (or `synthetic`), which seed, which faults.
public struct Simulation: Hashable, Codable, Sendable {
    /// The fixture set that stands for "no recordings: every command succeeds with empty output".
    public static let syntheticSet = "synthetic"

    /// A fixture set name (`default`), a directory, or `synthetic`.
    public var fixtureSet: String
    public var seed: UInt64
    /// Faults injected at steps (`--fault`); absent from logs written before faults existed.
    public var faults: [StepFault]
    /// Set by `evlog reproduce`: the plan re-ran against another log's recorded outputs. Such a log is
    /// a record of a check, not of something that ran, so it is never resumed or remedied.
    public var isReproduction: Bool

    public init(fixtureSet: String, seed: UInt64, faults: [StepFault] = [], isReproduction: Bool = false) {
        self.fixtureSet = fixtureSet
        self.seed = seed
        self.faults = faults
        self.isReproduction = isReproduction
    }

    /// Whether commands run synthetically (plan shape only) rather than from recorded outputs.
    public var isSynthetic: Bool { fixtureSet == Simulation.syntheticSet }

    /// One line saying what this simulation plays, for the plan summary and reports.
    public var summary: String {
        var text = isSynthetic
            ? "simulated (synthetic): every command succeeds with empty output on a virtual clock, seed \(seed); nothing on this machine changes"
            : "simulated: recorded outputs from fixture set \(fixtureSet), seed \(seed); nothing on this machine changes"
        if !faults.isEmpty { text += "; injected faults: " + faults.map(\.description).joined(separator: ", ") }
        return text
    }

    private enum CodingKeys: String, CodingKey { case fixtureSet, seed, faults, isReproduction = "reproduction" }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        fixtureSet = try container.decode(String.self, forKey: .fixtureSet)
        seed = try container.decode(UInt64.self, forKey: .seed)
        faults = try container.decodeIfPresent([StepFault].self, forKey: .faults) ?? []
        isReproduction = try container.decodeIfPresent(Bool.self, forKey: .isReproduction) ?? false
    }

    /// Without faults (and not a reproduction) the encoding is what it was before they existed (same seed, same bytes).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(fixtureSet, forKey: .fixtureSet)
        try container.encode(seed, forKey: .seed)
        if !faults.isEmpty { try container.encode(faults, forKey: .faults) }
        if isReproduction { try container.encode(true, forKey: .isReproduction) }
    }
}

/// One overlay recipe file as an install plan read it: where it was, and its text, parsed again (as any
/// overlay is) when a later command needs the recipe.
public struct RecordedRecipeFile: Hashable, Codable, Sendable {
    /// The file as messages name it (`/srv/acme/recipes/acme.yaml`, or `…/repos.yaml`).
    public var file: String
    public var text: String

    public init(file: String, text: String) {
        self.file = file
        self.text = text
    }
}
