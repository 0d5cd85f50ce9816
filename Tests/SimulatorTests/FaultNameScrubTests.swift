import Catalog
import InstallModel
import Orchestrator
import Testing

/// A simulated plan keeps its `--fault`s (`pipx-detect-secrets=fail`): recorded through the secret policy, every
/// catalog tool's plan comes back whole, whatever its steps are called and whatever fault names them, so no step
/// name is ever taken for a secret in a plan (repro12 F2: `secrets=fail` was read as KEY=VALUE, masked, and the
/// plan no longer decoded).
struct FaultNameScrubTests {
    @Test func everyCatalogStepNamedInAFaultComesBackWhole() throws {
        let catalog = try #require(CatalogPlans.catalog)
        var generator = SplitMix64(seed: 0xFA17)
        var checked = 0
        for tool in catalog.toolNames {
            guard let plan = NamedProfiles.all.lazy.compactMap({ CatalogPlans.resolve([tool], on: $0, seed: 1) }).first else { continue }
            let effects: [StepFault.Effect] = [.fail(nil), .hang, .partial] + FailureKind.allCases.map { .fail($0) }
            var faulted = plan
            faulted.simulation?.faults = plan.steps.map { StepFault(step: $0.id, effect: effects.randomElement(using: &generator) ?? .hang) }
            let store = MemoryEventStore()
            let recorder = EventRecorder(store: store, clock: SystemClock())
            try recorder.record(.planCreated(faulted))
            try recorder.close()
            guard case .planCreated(let stored)? = try store.events().first?.body else {
                Issue.record("\(tool): the log holds no plan")
                continue
            }
            #expect(stored == faulted, "\(tool): \(stored.simulation?.faults.map(\.description) ?? [])")
            checked += 1
        }
        #expect(checked > 100, "only \(checked) catalog tools resolve")
    }
}
