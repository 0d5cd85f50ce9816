import Catalog
import InstallModel

/// What `evlog install` is asked for — the tools and how to resolve them — and the plan it stands for:
/// the one assembly of an install's plan, for the command line and for `evlog serve`'s review page.
public struct InstallRequest: Sendable {
    public var tools: [String]
    /// The fixture set of a simulated install; nil for a real one.
    public var simulationFixtureSet: String?
    /// The simulation's seed, else the seed of the plan's id.
    public var seed: UInt64
    /// A named profile or a profile file; nil for this machine (a simulation's default is `debian-container`).
    public var profile: String?
    public var reinstall: Bool
    public var choices: ResolutionPreferences
    /// Faults injected into a simulation's steps.
    public var faults: [StepFault]

    public init(
        tools: [String], simulationFixtureSet: String? = nil, seed: UInt64 = PlanIdentity.freshSeed(), profile: String? = nil,
        reinstall: Bool = false, choices: ResolutionPreferences = ResolutionPreferences(), faults: [StepFault] = []
    ) {
        self.tools = tools
        self.simulationFixtureSet = simulationFixtureSet
        self.seed = seed
        self.profile = profile
        self.reinstall = reinstall
        self.choices = choices
        self.faults = faults
    }

    /// The plan resolved against `catalog`.
    public func plan(catalog: Catalog) throws -> Plan {
        let simulation = simulationFixtureSet.map { Simulation(fixtureSet: $0, seed: seed, faults: faults) }
        return try PlanIdentity.resolve(
            tools: tools, catalog: catalog, profileName: profile ?? (simulation != nil ? "debian-container" : nil), reinstall: reinstall,
            simulation: simulation, choices: choices, idSeed: seed)
    }
}
