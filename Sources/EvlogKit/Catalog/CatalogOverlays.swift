import Catalog
import Foundation
import InstallModel

/// The catalog a plan is resolved against: the built-in recipes with overlay directories laid on top
/// (`EVLOG_CATALOG`, colon-separated, then each `--catalog`; later wins), for the CLI and `evlog serve` alike.
public enum CatalogOverlays {
    /// The overlay directories `EVLOG_CATALOG` names, in order.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        (environment["EVLOG_CATALOG"] ?? "").split(separator: ":").map(String.init)
    }

    /// `base` (default: the built-in catalog) with `directories` on top; a missing directory or a bad
    /// overlay is one line and exit 2.
    public static func load(_ directories: [String], over base: Catalog? = nil) throws(UserFacingError) -> Catalog {
        for directory in directories {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw UserFacingError("--catalog \(directory): no such directory")
            }
        }
        do throws(CatalogError) {
            var catalog: Catalog
            if let base { catalog = base } else { catalog = try Catalog.bundled() }
            for directory in directories { catalog = try catalog.overlaid(by: directory) }
            return catalog
        } catch {
            let code: ExitStatus = directories.isEmpty ? CatalogCLI.exitCode(for: error) : .usage
            throw UserFacingError(error.description, code: code)
        }
    }
}

extension CatalogOverlays {
    /// `base` with each tool's recipe from the files the plan that installed it recorded (its own tools' recipes only,
    /// oldest plan first; a plan that installed nothing steers nothing), the files that no longer load, which plan
    /// installed each tool, and which plan's recorded files gave each tool its recipe (`recipeFrom`): that log is the only
    /// place an overlay tool's recipe is kept, so it is a record to keep while the tool is installed.
    public static func laid(
        over base: Catalog, plans: [PlanState]
    ) -> (catalog: Catalog, skipped: [String], installedFrom: [String: PlanID], recipeFrom: [String: PlanID]) {
        var catalog = base
        var skipped: [String] = []
        var installedFrom: [String: PlanID] = [:]
        var recipeFrom: [String: PlanID] = [:]
        for state in plans {
            guard let plan = state.plan, plan.simulation == nil else { continue }
            let tools = state.installedTools
            if let files = plan.recipeFiles, !tools.isEmpty {
                let laid = catalog.overlaid(byRecorded: files, keeping: Set(tools))
                for tool in tools where laid.catalog.recipe(named: tool) != catalog.recipe(named: tool) { recipeFrom[tool] = plan.id }
                catalog = laid.catalog
                skipped += laid.skipped.filter { !skipped.contains($0) }
            }
            for tool in tools { installedFrom[tool] = plan.id }
        }
        return (catalog, skipped, installedFrom, recipeFrom)
    }
}
