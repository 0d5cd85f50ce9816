import EvlogKit
import InstallModel

extension LifecycleCatalog {
    /// Laid from the plans under a home (oldest first) and the `--catalog`/`EVLOG_CATALOG` overlays.
    static func load(plans: [PlanState], options: CatalogOptions) throws(UserFacingError) -> LifecycleCatalog {
        try load(plans: plans, overlays: options.directories)
    }
}
