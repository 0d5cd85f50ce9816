import InstallModel

/// The failures a rule is about: package managers, command names, step kinds. Empty sets mean "any".
///
/// A rule applies when the context says nothing about a dimension the rule names (raw pasted output),
/// or when any named dimension matches; restrictions are only for patterns that are ambiguous across tools.
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

    public func admits(_ context: AnalysisContext) -> Bool {
        if isUnrestricted { return true }
        var contextKnowsSomething = false
        if !managers.isEmpty, let manager = context.packageManager {
            contextKnowsSomething = true
            if managers.contains(manager) { return true }
        }
        if !commands.isEmpty, !context.commandNames.isEmpty {
            contextKnowsSomething = true
            if !commands.isDisjoint(with: context.commandNames) { return true }
        }
        if !stepKinds.isEmpty, let kind = context.stepKind {
            contextKnowsSomething = true
            if stepKinds.contains(kind) { return true }
        }
        return !contextKnowsSomething
    }
}
