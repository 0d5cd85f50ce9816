import InstallModel

/// One failure pattern from the catalog: what it looks like, what kind of failure it means, what fixes it.
public struct DiagnosisRule: Sendable, Identifiable {
    public let id: String
    /// The rule file's family (`apt`, `pip`, `infrastructure`).
    public let family: String
    public let kind: FailureKind
    public let layer: RuleLayer
    public let applicability: RuleApplicability
    /// Any one matching line is a hit. Empty for rules that match on the exit code alone.
    public let patterns: [RulePattern]
    /// When not empty, the rule only counts if the step exited with one of these.
    public let exitCodes: [Int32]
    /// 0…1; below `Analyser.confidenceMin` a rule can never decide a diagnosis on its own.
    public let confidence: Double
    /// Remediation template ids, the recommended one first.
    public let remediationIDs: [String]
    /// Lines such as `W: …`, `warning: …`, `npm warn …` are ignored unless the rule opts in.
    public let matchesWarnings: Bool
    /// Kinds this rule's message is a consequence of (`from versions: none` after a network error):
    /// when one of them is also in the output, it is the root cause and this rule is set aside.
    public let causedBy: Set<FailureKind>
    /// Where the rule is defined, for messages (`rules/apt.yaml:14`).
    public let location: String

    public func acceptsExitCode(_ code: Int32?) -> Bool {
        guard !exitCodes.isEmpty else { return true }
        guard let code else { return false }
        return exitCodes.contains(code)
    }
}
