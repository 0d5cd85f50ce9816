import InstallModel
import Rendering

/// The plans whose logs are the record of a tool on this machine now, with those tools: uninstall, upgrade and
/// outdated read them, so they are kept whatever their age. The one rule `evlog prune` and the server's remove
/// button (`POST /api/plans/<id>/prune`) both keep by (serve20b #4).
public struct InstallRecords: Sendable {
    /// By plan: the tools still installed that its log records (empty when it records what is installed otherwise).
    public let tools: [PlanID: [String]]

    /// The records among the plans under `home`; none when the catalog cannot be laid (nothing is then known to keep).
    public init(home: String) {
        let plans = InstallHistory.plans(home: home)
        guard let lifecycle = try? LifecycleCatalog.load(plans: plans, overlays: []) else {
            tools = [:]
            return
        }
        let history = InstallHistory(plans: plans, catalog: lifecycle.catalog)
        var tools: [PlanID: [String]] = [:]
        for plan in plans.compactMap(\.plan) where history.recordPlans.contains(plan.id) {
            tools[plan.id] = plan.tools.filter { history.installed[$0] != nil }
        }
        // The log an installed overlay tool's recipe comes from is a record too, whatever plan installed it last
        // (truth22 #4: pruning the install kept the upgrade, and the tool became unknown to every command).
        for (tool, plan) in lifecycle.recipeFrom where history.installed[tool] != nil {
            if tools[plan]?.contains(tool) != true { tools[plan, default: []].append(tool) }
        }
        self.tools = tools
    }

    /// Why plan `id`'s log is kept (`it is the record of the install of tree (uninstall and upgrade read it)`), nil when it is no record.
    public func keeping(_ id: PlanID) -> String? {
        guard let tools = tools[id] else { return nil }
        let what = tools.isEmpty ? "of what is installed" : "of the install of " + tools.shown(joinedBy: ", ")
        return "it is the record \(what) (uninstall and upgrade read it)"
    }
}
