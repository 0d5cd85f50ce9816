import InstallModel

extension InstallHistory {
    /// The plans whose logs this history's answers about `tools` come from: each one's install records (every
    /// method's), the plan that found it present or whose file it wrote over, and the plan that added its shell block
    /// (its install's, or a stray one).
    public func plansBehind(_ tools: [String]) -> Set<PlanID> {
        var plans = Set<PlanID>()
        for tool in tools {
            plans.formUnion([recordedBy[tool], foundPresent[tool], replacedFiles[tool]?.plan, strayBlocks[tool]?.plan].compactMap { $0 })
            plans.formUnion((otherInstalls[tool] ?? []).map(\.plan))
            if case .some(.some(let record)) = installed[tool], let block = record.shellBlock { plans.insert(block.plan) }
        }
        return plans
    }
}
