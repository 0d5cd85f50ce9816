import Catalog
import Foundation
import Orchestrator
import InstallModel
import Simulator

/// Plans drawn from the bundled catalog for synthetic runs: a seeded random set of tools that resolve on
/// a seeded random named profile, with seeded random faults.
enum CatalogPlans {
    static let catalog: Catalog? = try? Catalog.bundled()
    /// Failure outputs for `fail:KIND` faults, from the repository.
    static let failureSamples = FailureSamples.load(
        directory: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/failures").path)
    /// Per profile, the tools that resolve there on their own (computed once).
    static let resolvable: [String: [String]] = {
        guard let catalog else { return [:] }
        var table: [String: [String]] = [:]
        for profile in NamedProfiles.all {
            table[profile.name] = catalog.toolNames.filter { resolve([$0], on: profile, seed: 0) != nil }
        }
        return table
    }()

    static func resolve(_ tools: [String], on profile: SystemProfile, seed: UInt64, faults: [StepFault] = []) -> Plan? {
        guard let catalog else { return nil }
        let id = SeededIDSource(seed: seed).nextPlanID()
        guard var plan = try? Resolver(catalog: catalog).resolve(tools: tools, profile: profile, planID: id) else { return nil }
        plan.simulation = Simulation(fixtureSet: Simulation.syntheticSet, seed: seed, faults: faults)
        return plan
    }

    /// A plan of 1…4 tools on one profile; with probability ¼ a fault on one step.
    static func draw(seed: UInt64) -> Plan? {
        var generator = SplitMix64(seed: seed)
        let profiles = NamedProfiles.all.filter { !(resolvable[$0.name] ?? []).isEmpty }
        guard let profile = profiles.randomElement(using: &generator) else { return nil }
        let tools = Array((resolvable[profile.name] ?? []).shuffled(using: &generator).prefix(Int.random(in: 1...4, using: &generator)))
        guard let plan = resolve(tools, on: profile, seed: seed) else { return nil }
        guard Int.random(in: 0..<4, using: &generator) == 0, let step = plan.steps.randomElement(using: &generator) else { return plan }
        let effects: [StepFault.Effect] = [.fail(nil), .fail(.networkUnreachable), .hang, .partial]
        let fault = StepFault(step: step.id, effect: effects.randomElement(using: &generator) ?? .fail(nil))
        return resolve(tools, on: profile, seed: seed, faults: [fault])
    }

    /// A harness that runs `plan` synthetically, going on after each pause as `--ack` would.
    /// One simulated machine for all runs: its files outlive a crash of evlog, as a real machine's do.
    static func harness(_ plan: Plan) throws -> SimulationHarness {
        var harness = SimulationHarness(plan: plan, fixtures: FixtureSet(name: "unused", fixtures: []))
        let system = try SimulatedSystem(plan: plan, fixtures: nil, failureSamples: failureSamples)
        harness.makeSystem = { system }
        harness.acknowledgePauses = true
        return harness
    }

    /// The run without crashes, through its pauses, and how it ended.
    static func uncrashed(_ harness: SimulationHarness) async throws -> (store: MemoryEventStore, status: PlanStatus?) {
        var records: [[UInt8]] = []
        for _ in 0..<pausesMax {
            let (store, status) = try await harness.run(records: records)
            if status != .paused { return (store, status) }
            records = store.records
        }
        return (MemoryEventStore(records: records), .paused)
    }

    static let pausesMax = 8
}
