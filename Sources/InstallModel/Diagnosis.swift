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
    /// Strategy details (`wait_seconds`, `timeout_factor`, `jobs`).
    public var modifier: [String: String]

    public init(
        id: String, strategy: RemediationStrategy, summary: String, risk: Risk = .low,
        availability: RemediationAvailability = .ready, automatic: Bool = false, steps: [Step] = [],
        modifier: [String: String] = [:]
    ) {
        self.id = id
        self.strategy = strategy
        self.summary = summary
        self.risk = risk
        self.availability = availability
        self.automatic = automatic
        self.steps = steps
        self.modifier = modifier
    }
}
