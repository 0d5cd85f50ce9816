import Catalog
import InstallModel

/// The catalog `uninstall`, `upgrade` and `outdated` know tools from: the built-in recipes, then, for each tool a
/// plan installed, its recipe from the overlay files that plan recorded (a tool from an overlay stays known without
/// `--catalog`), then the overlays given now, which win; with a note for each tool whose recipe now differs from
/// the one it was installed from.
public struct LifecycleCatalog {
    public let catalog: Catalog
    /// `catalog` with each installed tool's recipe as the plan that installed it read it, whatever the overlays given
    /// now say: what `uninstall` removes and checks is what that install placed (truth20 #3: the new recipe's `ruff`
    /// was checked for a removed `yamllint`).
    public let asInstalled: Catalog
    /// Recorded files that no longer load, said once.
    public let skipped: [String]
    /// By tool: `evlog-acme: the recipe in /srv/acme/recipes/acme.yaml differs from the one plan p-… installed it from; …`
    public let changedRecipes: [String: String]
    /// By tool: the plan whose recorded files gave it its recipe (`CatalogOverlays.laid`), a log to keep while it is installed.
    public let recipeFrom: [String: PlanID]

    /// What to tell the user about `tools`: the recorded files left out, and each of them whose recipe changed.
    public func notes(for tools: [String]) -> [String] {
        skipped + tools.compactMap { changedRecipes[$0] }
    }

    /// Laid from the plans under a home (oldest first) and `overlays`.
    public static func load(plans: [PlanState], overlays directories: [String]) throws(UserFacingError) -> LifecycleCatalog {
        let bundled = try CatalogOverlays.load([])
        // Each tool's recipe is the one the plan that installed it read: that plan's files, its own tools' recipes
        // only, oldest plan first. A plan that installed nothing (declined, failed before installing) steers nothing.
        let (asInstalled, skipped, installedFrom, recipeFrom) = CatalogOverlays.laid(over: bundled, plans: plans)
        var changed: [String: String] = [:]
        let current = directories.isEmpty ? asInstalled : try CatalogOverlays.load(directories, over: asInstalled)
        // The overlays named now (a recipe differs only when some are) go into the command that installs the new recipe.
        let overlays = directories.map { "--catalog " + ShellQuoting.quote($0) }.joined(separator: " ")
        for (tool, plan) in installedFrom.sorted(by: { $0.key < $1.key }) {
            guard let then = asInstalled.recipe(named: tool), let now = current.recipe(named: tool), then != now else { continue }
            changed[tool] = (
                "\(tool): the recipe in \(now.origin.file) differs from the one plan \(plan) installed it from; uninstall and upgrade act on what that plan installed, `evlog install --reinstall \(overlays) \(tool)` installs the new one")
        }
        return LifecycleCatalog(
            catalog: current, asInstalled: directories.isEmpty ? current : CatalogOverlays.laid(over: current, plans: plans).catalog, skipped: skipped.map { "a recipe file a plan recorded no longer loads, so its tools are not known from it: \($0)" },
            changedRecipes: changed, recipeFrom: recipeFrom)
    }
}
