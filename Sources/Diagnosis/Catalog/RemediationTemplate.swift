import InstallModel

/// A remediation as data: text and steps with `{capture}` holes, filled in for one failure by the planner.
public struct RemediationTemplate: Sendable, Identifiable {
    public let id: String
    public let strategy: RemediationStrategy
    /// One line; may hold `{package}`, `{header}`, `{pm}`, …
    public let summary: String
    public let risk: Risk
    public let automatic: Bool
    public let requirements: [RemediationRequirement]
    public let steps: [StepTemplate]
    /// Strategy details (`wait_seconds`, `timeout_factor`, `jobs`, `extra_args`, `env`); values may hold holes.
    public let modifier: [String: String]
    public let location: String

    /// The lowest risk of a remediation that upgrades installed software (`upgrade_dep`).
    public static let upgradeRiskMin = Risk.medium
}

/// One step a remediation adds, before placeholders are filled in.
public struct StepTemplate: Sendable {
    public let label: String
    public let action: StepTemplateAction
    public let needsRoot: Bool
    public let lock: String?
    public let timeoutSeconds: Int?
}

/// What a templated step does; strings may hold `{capture}` holes.
public enum StepTemplateAction: Sendable {
    /// A `post_install` command, argv only.
    case run([String])
    /// A `packages` step; `manager` may be a hole such as `{system_pm}`.
    case packages(manager: String, packages: [String], refreshIndex: Bool)
    /// A `tool` step through a language installer.
    case tool(installer: String, package: String)
    /// A `cleanup` step.
    case cleanup([String])
    /// A `notification` step the user must acknowledge: the manual fixes.
    case notify(String)
}
