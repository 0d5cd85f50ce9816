import Catalog
import Foundation
import InstallModel

/// Resolving what to install into a plan with its id, for `install` (and `run`, `reproduce`).
public enum PlanIdentity {
    /// A seed for a run that was not given one: different every time, kept in the plan.
    public static func freshSeed() -> UInt64 {
        UInt64(bitPattern: Int64(Date().timeIntervalSince1970 * 1_000_000)) ^ (UInt64(getpid()) << 40)
    }

    /// The id a plan started with `seed` gets (`install --seed`), so a caller that starts one knows its id.
    public static func planID(seed: UInt64) -> PlanID {
        SeededIDSource(seed: seed).nextPlanID()
    }

    /// A fresh plan id (from `freshSeed()`), for plans whose seed is not kept.
    public static func freshPlanID() -> PlanID {
        planID(seed: freshSeed())
    }

    /// The plan for `tools` on the named profile (or this machine), with an id drawn from the seed: the
    /// simulation's, else `idSeed` (so `evlog serve` knows the id of a plan it starts), else a fresh one.
    /// A simulation never probes this machine for what is installed: its world is the fixtures, and its
    /// user is the simulated machine's.
    public static func resolve(
        tools: [String], catalog: Catalog, profileName: String?, reinstall: Bool, simulation: Simulation?,
        choices: ResolutionPreferences = ResolutionPreferences(), idSeed: UInt64? = nil
    ) throws -> Plan {
        var (profile, options) = try CatalogCLI.target(profile: profileName, reinstall: reinstall, method: choices.method)
        if simulation == nil, let profileName { try refuseAnotherSystem(profile, named: profileName) }
        options = choices.apply(to: options)
        options.pinsReinstalledVersions = reinstall && simulation == nil
        if simulation != nil {
            options.installedProbe = NothingInstalled()
            options.userName = PlanEnvironment.simulated.user
        }
        let id = planID(seed: simulation?.seed ?? idSeed ?? freshSeed())
        var plan = try CatalogCLI.catch { () throws(CatalogError) in
            try Resolver(catalog: catalog).resolve(tools: tools, profile: profile, planID: id, options: options)
        }
        plan.simulation = simulation
        return plan
    }

    /// A plan run for real runs on this machine: a profile of another system (another OS or package manager) would run
    /// that system's commands here (`rpm`, `dnf makecache`) and record an install "on fedora" that never happened
    /// (truth22 #1). Exit 2, nothing run.
    static func refuseAnotherSystem(_ profile: SystemProfile, named name: String) throws(UserFacingError) {
        let here = ProfileDetector.detect()
        guard profile.osFamily != here.osFamily || profile.primaryPackageManager != here.primaryPackageManager else { return }
        let manager = { (profile: SystemProfile) in profile.primaryPackageManager.map { " with \($0.rawValue)" } ?? "" }
        throw UserFacingError(
            "--profile \(name) describes another system (\(profile.distribution)\(manager(profile))) than this one "
                + "(\(here.distribution)\(manager(here))): add --simulate to run its plan in simulation, or see it with "
                + "`evlog plan --profile \(name)`; nothing was run", code: .usage)
    }
}
