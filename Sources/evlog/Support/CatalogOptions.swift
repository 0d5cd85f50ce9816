import EvlogKit
import ArgumentParser
import Catalog
import Foundation

/// `--catalog DIR` (repeatable) and `EVLOG_CATALOG` (colon-separated): recipe overlays over the built-in catalog.
struct CatalogOptions: ParsableArguments {
    @Option(
        name: .customLong("catalog"),
        help: ArgumentHelp(
            "A directory of recipes laid over the built-in catalog: DIR/recipes/*.yaml and DIR/repos.yaml (repeatable; later wins; also $EVLOG_CATALOG, colon-separated).",
            valueName: "DIR"))
    var overlays: [String] = []

    /// The overlay directories in the order they apply: `EVLOG_CATALOG` first, then each `--catalog`.
    var directories: [String] {
        let environment = ProcessInfo.processInfo.environment["EVLOG_CATALOG"] ?? ""
        return environment.split(separator: ":").map(String.init) + overlays
    }

    /// The built-in catalog with the overlays on top; a bad overlay is one line and exit 2.
    func load() throws(UserFacingError) -> Catalog {
        try load(overlays: directories)
    }

    /// `base` (default: the built-in catalog) with `overlays` on top.
    func load(overlays directories: [String], over base: Catalog? = nil) throws(UserFacingError) -> Catalog {
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
