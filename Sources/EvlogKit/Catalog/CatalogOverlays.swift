import Catalog
import Foundation

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
