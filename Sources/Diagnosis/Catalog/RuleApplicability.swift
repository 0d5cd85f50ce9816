import InstallModel

/// The failures a rule is about: package managers, command names, step kinds. Empty sets mean "any".
///
/// A hint, never a gate: output from a tool run inside a script, a Makefile or `sh -c` is diagnosed as if
/// the tool ran alone, so every rule reads every output. The context only ranks: a rule it names wins ties,
/// and a rule about another tool than the one the command names loses `RuleFit.contradictedPenalty`.
public struct RuleApplicability: Hashable, Sendable {
    public var managers: Set<PackageManager>
    public var commands: Set<String>
    public var stepKinds: Set<StepKind>

    public init(managers: Set<PackageManager> = [], commands: Set<String> = [], stepKinds: Set<StepKind> = []) {
        self.managers = managers
        self.commands = commands
        self.stepKinds = stepKinds
    }

    public var isUnrestricted: Bool { managers.isEmpty && commands.isEmpty && stepKinds.isEmpty }

    /// How the context bears on this rule. `knownTools`: every program some rule names, so a command whose
    /// first program is one of them (and not one of this rule's) says the output is another tool's; a
    /// command run through a wrapper or a script names no tool and contradicts nothing.
    public func fit(_ context: AnalysisContext, knownTools: Set<String>) -> RuleFit {
        if isUnrestricted { return .neutral }
        if let manager = context.packageManager, managers.contains(manager) { return .named }
        if !commands.isDisjoint(with: context.commandNames) { return .named }
        if let kind = context.stepKind, stepKinds.contains(kind) { return .named }
        if let tool = context.firstProgram, knownTools.contains(tool) { return .contradicted }
        return .neutral
    }
}

/// What the context says about one rule: it names the rule's tool, says nothing, or names another tool.
public enum RuleFit: Int, Sendable, Comparable {
    case named
    case neutral
    case contradicted

    /// Confidence a rule loses when the command names another tool: enough to lose to a rule that fits,
    /// not enough to silence clear evidence.
    public static let contradictedPenalty = 0.15

    public static func < (lhs: RuleFit, rhs: RuleFit) -> Bool { lhs.rawValue < rhs.rawValue }
}
