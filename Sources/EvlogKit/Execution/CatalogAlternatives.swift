import Catalog
import InstallModel
import Orchestrator

/// `switch_method` remediations planned from the built-in recipe catalog: the failed tool's next method
/// here. The catalog is loaded on the first switch, so runs that need none pay nothing.
public struct CatalogAlternatives: AlternativeMethods {
    private static let catalog = try? Catalog.bundled()

    public init() {}

    public func steps(replacing failedStep: Step, in plan: Plan) -> Result<[Step], AlternativeMethodUnavailable> {
        guard let catalog = Self.catalog else {
            return .failure(AlternativeMethodUnavailable(reason: "the recipe catalog could not be loaded"))
        }
        return Resolver(catalog: catalog).alternative(replacing: failedStep, in: plan)
            .mapError { AlternativeMethodUnavailable(reason: $0.reason) }
    }
}
