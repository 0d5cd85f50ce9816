import InstallModel

extension PlanState {
    /// Whether a step of the plan that installs `tool` finished: the plan installed the tool even when it stopped
    /// after that step (paused for a new shell, a later tool failed). A step that installs is a packages, tool,
    /// release or install step; one that only verifies, or a command a remediation ran for the tool
    /// (`apt-get install -f`, `dpkg --configure -a`), installs nothing (truth11 F10: a failed install whose repair
    /// command succeeded claimed the user's jq).
    public func finishedAnInstallStep(of tool: String) -> Bool {
        guard let plan else { return false }
        let installing: Set<StepKind> = [.packages, .tool, .githubRelease, .install]
        return plan.steps.contains { $0.tool == tool && installing.contains($0.kind) && step($0.id)?.status == .done }
    }

    /// The tools an install or upgrade plan installed: every one of them once it is done, each one before
    /// that once a step installing it finished (`finishedAnInstallStep`). None for other plans, nor for a simulated or
    /// reproduced one: its steps played recorded outputs and changed nothing (integrity20 #6).
    public var installedTools: [String] {
        guard let plan, plan.simulation == nil, plan.purpose == .install || plan.purpose == .upgrade else { return [] }
        return plan.tools.filter { status == .done || finishedAnInstallStep(of: $0) }
    }
}
