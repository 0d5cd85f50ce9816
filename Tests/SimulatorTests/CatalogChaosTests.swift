import Foundation
import InstallModel
import Simulator
import Testing

extension Chaos {
    /// 1,000 catalog plans in `swift test`; `Tools/chaos` sets `EVLOG_CHAOS_CATALOG_SEEDS` for the long run.
    static let catalogSeeds: Range<Int> = 0..<(ProcessInfo.processInfo.environment["EVLOG_CHAOS_CATALOG_SEEDS"].flatMap(Int.init) ?? 1000)
}

extension Chaos {
    /// A step's end as the machine sees it: one that did its work, crashed before `step_done` was synced and
    /// was then found already satisfied on resume (its file written, its package installed) ended as done.
    static func outcome(_ step: StepState) -> StepStatus {
        step.status == .skipped && step.skipReason == .alreadySatisfied ? .done : step.status
    }
}

@Test(arguments: Chaos.catalogSeeds)
func crashAtAnyEventOfACatalogPlanThenResumeEndsLikeTheUncrashedRun(seed: Int) async throws {
    let plan = try #require(CatalogPlans.draw(seed: UInt64(seed)), "seed \(seed): no plan could be drawn from the catalog")
    let (reference, _) = try await CatalogPlans.uncrashed(try CatalogPlans.harness(plan))
    let harness = try CatalogPlans.harness(plan)
    let referenceState = PlanState.fold(try reference.events())
    let result = try await Chaos.run(seed: UInt64(seed), harness: harness, referenceEventCount: reference.records.count)
    let same = result.finalState.status == referenceState.status
        && result.finalState.steps.map(Chaos.outcome) == referenceState.steps.map(Chaos.outcome)
    #expect(same, "seed \(seed): \(plan.tools) on \(plan.profile.name) with faults \(plan.simulation?.faults ?? []) ended \(result.finalState.status), uncrashed \(referenceState.status); steps differing: \(zip(result.finalState.steps, referenceState.steps).filter { Chaos.outcome($0) != Chaos.outcome($1) }.map { "\($0.id) \($0.status) (uncrashed \($1.status))" })")
    #expect(Chaos.doneStepsRestarted(result.events).isEmpty, "seed \(seed): a done step ran again")
    if !same {
        print("catalog chaos seed \(seed) failed; replay it with: EVLOG_CHAOS_CATALOG_SEEDS=\(seed + 1) swift test --filter crashAtAnyEventOfACatalogPlan")
    }
}

