import InstallModel

extension PlanState {
    /// Whether a step of the plan that installs `tool` (not one that only verifies it) finished: the plan installed
    /// the tool even when it stopped after that step (paused for a new shell, a later tool failed).
    public func finishedAnInstallStep(of tool: String) -> Bool {
        guard let plan else { return false }
        return plan.steps.contains { $0.tool == tool && $0.kind != .verify && step($0.id)?.status == .done }
    }

    /// The tools an install or upgrade plan installed: every one of them once it is done, each one before
    /// that once a step installing it finished (`finishedAnInstallStep`). None for other plans.
    public var installedTools: [String] {
        guard let plan, plan.purpose == .install || plan.purpose == .upgrade else { return [] }
        return plan.tools.filter { status == .done || finishedAnInstallStep(of: $0) }
    }
}
