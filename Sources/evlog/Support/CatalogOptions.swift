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
    var directories: [String] { CatalogOverlays.fromEnvironment() + overlays }

    /// The built-in catalog with the overlays on top; a bad overlay is one line and exit 2.
    func load() throws(UserFacingError) -> Catalog {
        try CatalogOverlays.load(directories)
    }

    /// `base` (default: the built-in catalog) with `overlays` on top.
    func load(overlays directories: [String], over base: Catalog? = nil) throws(UserFacingError) -> Catalog {
        try CatalogOverlays.load(directories, over: base)
    }
}
