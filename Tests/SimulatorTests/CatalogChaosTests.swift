import Foundation
import InstallModel
import Simulator
import Testing

extension Chaos {
    /// 1,000 catalog plans in `swift test`; `Tools/chaos` sets `EVLOG_CHAOS_CATALOG_SEEDS` for the long run.
    static let catalogSeeds: Range<Int> = 0..<(ProcessInfo.processInfo.environment["EVLOG_CHAOS_CATALOG_SEEDS"].flatMap(Int.init) ?? 1000)
}

@Test(arguments: Chaos.catalogSeeds)
func crashAtAnyEventOfACatalogPlanThenResumeEndsLikeTheUncrashedRun(seed: Int) async throws {
    let plan = try #require(CatalogPlans.draw(seed: UInt64(seed)), "seed \(seed): no plan could be drawn from the catalog")
    let harness = CatalogPlans.harness(plan)
    let (reference, _) = try await CatalogPlans.uncrashed(harness)
    let referenceState = PlanState.fold(try reference.events())
    let result = try await Chaos.run(seed: UInt64(seed), harness: harness, referenceEventCount: reference.records.count)
    let same = result.finalState.status == referenceState.status
        && result.finalState.steps.map(\.status) == referenceState.steps.map(\.status)
    #expect(same, "seed \(seed): \(plan.tools) on \(plan.profile.name) with faults \(plan.simulation?.faults ?? []) ended \(result.finalState.status), uncrashed \(referenceState.status)")
    #expect(Chaos.doneStepsRestarted(result.events).isEmpty, "seed \(seed): a done step ran again")
    if !same {
        print("catalog chaos seed \(seed) failed; replay it with: EVLOG_CHAOS_CATALOG_SEEDS=\(seed + 1) swift test --filter crashAtAnyEventOfACatalogPlan")
    }
}
