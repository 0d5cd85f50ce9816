/// The explanation of one failure: its kind, how sure we are, the lines that decided it, and what to do.
public struct Diagnosis: Hashable, Codable, Sendable {
    public var kind: FailureKind
    /// 0.0 … 1.0.
    public var confidence: Double
    public var evidence: [String]
    /// Ranked, best first.
    public var remediations: [Remediation]
    /// The rule that matched, `nil` for `unknown`.
    public var ruleID: String?
    /// Earlier errors in the output that were not the cause (`kind (line N): text — why`); absent when none.
    public var setAside: [String]?

    public init(
        kind: FailureKind, confidence: Double, evidence: [String], remediations: [Remediation] = [],
        ruleID: String? = nil, setAside: [String]? = nil
    ) {
        self.kind = kind
        self.confidence = confidence
        self.evidence = evidence
        self.remediations = remediations
        self.ruleID = ruleID
        self.setAside = setAside
    }

    private enum CodingKeys: String, CodingKey { case kind, confidence, evidence, remediations, ruleID, setAside }

    /// Decodes a diagnosis, its confidence a finite number from 0 to 1 (FORMAT §7.5): a log from elsewhere may say
    /// anything, and a reader that turned 1e19 into a percentage trapped (trust19 #11).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let confidence = try container.decode(Double.self, forKey: .confidence)
        guard confidence.isFinite, (0...1).contains(confidence) else {
            throw DecodingError.dataCorruptedError(
                forKey: .confidence, in: container, debugDescription: "a confidence is from 0 to 1, not \(confidence)")
        }
        self.init(
            kind: try container.decode(FailureKind.self, forKey: .kind), confidence: confidence,
            evidence: try container.decode([String].self, forKey: .evidence),
            remediations: try container.decode([Remediation].self, forKey: .remediations),
            ruleID: try container.decodeIfPresent(String.self, forKey: .ruleID),
            setAside: try container.decodeIfPresent([String].self, forKey: .setAside))
    }

    /// The confidence in whole percent, 0 to 100 whatever the number holds.
    public var percent: Int { Self.percent(confidence) }

    /// `confidence` (0 … 1) in whole percent, clamped to 0 … 100 (not a number: 0).
    public static func percent(_ confidence: Double) -> Int {
        guard confidence.isFinite else { return 0 }
        return Int((min(max(confidence, 0), 1) * 100).rounded())
    }

    /// Whether evlog refused the step by its own policy (`FailureCause.refusedByPolicy`): `unknown` known for certain
    /// by the executor, where the rules give `unknown` no confidence at all. Nothing to retry or redownload.
    public var isPolicyRefusal: Bool { kind == .unknown && confidence == 1.0 }
}

/// How a remediation fixes a failure.
public enum RemediationStrategy: String, Codable, Sendable, CaseIterable {
    case retry
    case retryWithModifier = "retry_with_modifier"
    case installDep = "install_dep"
    case installDepThenSwitch = "install_dep_then_switch"
    case installPackages = "install_packages"
    case switchMethod = "switch_method"
    case addRepo = "add_repo"
    case upgradeDep = "upgrade_dep"
    case envFix = "env_fix"
    case cleanupRetry = "cleanup_retry"
    case manual
    case skip
    case cancel

    /// Strategies whose steps end in another way to install the tool, which takes the failed step's place.
    public var replacesFailedStep: Bool { self == .switchMethod || self == .installDepThenSwitch }
}

/// Whether a remediation can run on this system.
public enum RemediationAvailability: Hashable, Sendable {
    case ready
    /// Possible once `unlockDependencies` are installed.
    case locked(reason: String, unlockDependencies: [String])
    case impossible(reason: String)

    public var isReady: Bool { self == .ready }
}

/// One way out of a failure, with the steps it would splice into the plan.
public struct Remediation: Hashable, Codable, Sendable, Identifiable {
    public var id: String
    public var strategy: RemediationStrategy
    public var summary: String
    public var risk: Risk
    public var availability: RemediationAvailability
    /// Applied without asking when `--remediate` is given.
    public var automatic: Bool
    /// Steps to run before the failed step is retried.
    public var steps: [Step]
    /// Strategy details as the catalog states them (`wait_seconds`, `timeout_factor`, `jobs`), for people.
    public var modifier: [String: String]
    /// The same details, typed: what changes about the failed step when it runs again.
    public var adjustment: StepAdjustment?
    /// `switch_method` / `install_dep_then_switch`: the last of `steps` takes the failed step's place
    /// (its id and dependents) instead of the failed step running again.
    public var replacesFailedStep: Bool

    public init(
        id: String, strategy: RemediationStrategy, summary: String, risk: Risk = .low,
        availability: RemediationAvailability = .ready, automatic: Bool = false, steps: [Step] = [],
        modifier: [String: String] = [:], adjustment: StepAdjustment? = nil, replacesFailedStep: Bool = false
    ) {
        self.adjustment = adjustment
        self.replacesFailedStep = replacesFailedStep
        self.id = id
        self.strategy = strategy
        self.summary = summary
        self.risk = risk
        self.availability = availability
        self.automatic = automatic
        self.steps = steps
        self.modifier = modifier
    }

    /// Older logs have neither `adjustment` nor `replacesFailedStep`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        strategy = try c.decode(RemediationStrategy.self, forKey: .strategy)
        summary = try c.decode(String.self, forKey: .summary)
        risk = try c.decode(Risk.self, forKey: .risk)
        availability = try c.decode(RemediationAvailability.self, forKey: .availability)
        automatic = try c.decode(Bool.self, forKey: .automatic)
        steps = try c.decode([Step].self, forKey: .steps)
        modifier = try c.decode([String: String].self, forKey: .modifier)
        adjustment = try c.decodeIfPresent(StepAdjustment.self, forKey: .adjustment)
        replacesFailedStep = try c.decodeIfPresent(Bool.self, forKey: .replacesFailedStep) ?? false
    }

    /// `replacesFailedStep` is written only when true, so logs without switches read as before.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(strategy, forKey: .strategy)
        try c.encode(summary, forKey: .summary)
        try c.encode(risk, forKey: .risk)
        try c.encode(availability, forKey: .availability)
        try c.encode(automatic, forKey: .automatic)
        try c.encode(steps, forKey: .steps)
        try c.encode(modifier, forKey: .modifier)
        try c.encodeIfPresent(adjustment, forKey: .adjustment)
        if replacesFailedStep { try c.encode(true, forKey: .replacesFailedStep) }
    }

    private enum CodingKeys: String, CodingKey {
        case id, strategy, summary, risk, availability, automatic, steps, modifier, adjustment, replacesFailedStep
    }
}
