import InstallModel

/// Where a `switch_method` remediation gets its steps: the failed step's tool planned again by its next
/// method that works on this system (the CLI answers from the recipe catalog; tests answer from a table).
public protocol AlternativeMethods: Sendable {
    /// The steps installing `failedStep.tool` by a method other than the failed one, in order, the
    /// install itself last; or why there is none.
    func steps(replacing failedStep: Step, in plan: Plan) -> Result<[Step], AlternativeMethodUnavailable>
}

/// Why a failed step's tool has no other method here (shown as the remediation's `impossible` reason).
public struct AlternativeMethodUnavailable: Error, Sendable, Equatable {
    public var reason: String
    public init(reason: String) { self.reason = reason }
}

/// The remediations evlog offers for a failed step: the analyser's proposals for its diagnosis, with
/// `switch_method` steps planned from the catalog. The run proposes them on a failure; `remedy` of a log from
/// elsewhere computes them again here instead of running the steps that log recorded.
public enum RemediationProposals {
    public static func propose(
        for diagnosis: Diagnosis, step: Step, plan: Plan, chain: [String], analyser: any FailureAnalysing,
        alternatives: (any AlternativeMethods)?
    ) -> [Remediation] {
        MethodSwitches.resolve(
            analyser.propose(for: diagnosis, step: step, profile: plan.profile, chain: chain), failedStep: step, plan: plan,
            alternatives: alternatives)
    }
}

/// Fills the steps of `switch_method` remediations that leave them to the catalog, or marks them impossible.
enum MethodSwitches {
    static func resolve(
        _ remediations: [Remediation], failedStep: Step, plan: Plan, alternatives: (any AlternativeMethods)?
    ) -> [Remediation] {
        remediations.map { remediation in
            guard remediation.strategy == .switchMethod, remediation.steps.isEmpty else { return remediation }
            if case .impossible = remediation.availability { return remediation }
            var filled = remediation
            guard failedStep.tool != nil else {
                filled.availability = .impossible(reason: "the failed step installs no named tool to plan again")
                return filled
            }
            guard let alternatives else {
                filled.availability = .impossible(reason: "no recipe catalog to plan another method from")
                return filled
            }
            switch alternatives.steps(replacing: failedStep, in: plan) {
            case .success(let steps) where !steps.isEmpty:
                filled.steps = steps
            case .success:
                filled.availability = .impossible(reason: "the catalog offers no other method here")
            case .failure(let unavailable):
                filled.availability = .impossible(reason: unavailable.reason)
            }
            return filled
        }
    }
}
