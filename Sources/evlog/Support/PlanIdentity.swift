import Catalog
import Foundation
import InstallModel

/// Resolving what to install into a plan with its id, for `install` (and `run`, `reproduce`).
enum PlanIdentity {
    /// A seed for a run that was not given one: different every time, printed in the plan's summary.
    static func freshSeed() -> UInt64 {
        UInt64(bitPattern: Int64(Date().timeIntervalSince1970 * 1_000_000)) ^ (UInt64(getpid()) << 40)
    }

    static func profile(named name: String?) throws -> SystemProfile {
        guard let name else { return ProfileDetector.detect() }
        do {
            return try NamedProfiles.load(nameOrPath: name)
        } catch {
            throw UserFacingError("\(error)")
        }
    }

    static func resolve(tools: [String], profileName: String?, reinstall: Bool, simulation: Simulation?) throws -> Plan {
        let profile = try profile(named: profileName)
        let seed = simulation?.seed ?? freshSeed()
        let id = SeededIDSource(seed: seed).nextPlanID()
        do {
            let catalog = try Catalog.bundled()
            let probe: any InstalledProbe = simulation == nil && profileName == nil ? PathProbe() : NothingInstalled()
            var plan = try Resolver(catalog: catalog).resolve(
                tools: tools, profile: profile, planID: id, options: ResolveOptions(reinstall: reinstall, installedProbe: probe))
            plan.simulation = simulation
            return plan
        } catch let error as CatalogError {
            throw UserFacingError(error.description, code: error.isUsageError ? .usage : .planFailed)
        }
    }
}
