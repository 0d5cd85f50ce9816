import Catalog
import InstallModel

/// The catalog `uninstall`, `upgrade` and `outdated` know tools from: the built-in recipes, then, for each tool a
/// plan installed, its recipe from the overlay files that plan recorded (a tool from an overlay stays known without
/// `--catalog`), then the overlays given now, which win; with a note for each tool whose recipe now differs from
/// the one it was installed from.
public struct LifecycleCatalog {
    public let catalog: Catalog
    /// Recorded files that no longer load, said once.
    public let skipped: [String]
    /// By tool: `evlog-acme: the recipe in /srv/acme/recipes/acme.yaml differs from the one plan p-… installed it from; …`
    public let changedRecipes: [String: String]

    /// What to tell the user about `tools`: the recorded files left out, and each of them whose recipe changed.
    public func notes(for tools: [String]) -> [String] {
        skipped + tools.compactMap { changedRecipes[$0] }
    }

    /// Laid from the plans under a home (oldest first) and `overlays`.
    public static func load(plans: [PlanState], overlays directories: [String]) throws(UserFacingError) -> LifecycleCatalog {
        let bundled = try CatalogOverlays.load([])
        // Each tool's recipe is the one the plan that installed it read: that plan's files, its own tools' recipes
        // only, oldest plan first. A plan that installed nothing (declined, failed before installing) steers nothing.
        var asInstalled = bundled
        var skipped: [String] = []
        var installedFrom: [String: PlanID] = [:]
        for state in plans {
            guard let plan = state.plan, plan.simulation == nil else { continue }
            let tools = state.installedTools
            if let files = plan.recipeFiles, !tools.isEmpty {
                let laid = asInstalled.overlaid(byRecorded: files, keeping: Set(tools))
                asInstalled = laid.catalog
                skipped += laid.skipped.filter { !skipped.contains($0) }
            }
            for tool in tools { installedFrom[tool] = plan.id }
        }
        var changed: [String: String] = [:]
        let current = directories.isEmpty ? asInstalled : try CatalogOverlays.load(directories, over: asInstalled)
        // The overlays named now (a recipe differs only when some are) go into the command that installs the new recipe.
        let overlays = directories.map { "--catalog " + ShellQuoting.quote($0) }.joined(separator: " ")
        for (tool, plan) in installedFrom.sorted(by: { $0.key < $1.key }) {
            guard let then = asInstalled.recipe(named: tool), let now = current.recipe(named: tool), then != now else { continue }
            changed[tool] = (
                "\(tool): the recipe in \(now.origin.file) differs from the one plan \(plan) installed it from; outdated and upgrade use the new one, `evlog install --reinstall \(overlays) \(tool)` installs it")
        }
        return LifecycleCatalog(
            catalog: current, skipped: skipped.map { "a recipe file a plan recorded no longer loads, so its tools are not known from it: \($0)" },
            changedRecipes: changed)
    }
}
