import InstallModel
import Orchestrator
import Simulator
import Testing

/// repro22 #3: a checkpoint is where readers start, so one that does not agree with the events before it (a status,
/// a step's end or the plan itself edited) makes `status` say what never ran; reproduce, which replays the events,
/// refuses such a log instead of calling it a match. A genuine run's checkpoints agree.
@Suite struct CheckpointAgreementTests {
    static func events(seed: UInt64) async throws -> [Event] {
        let (recorded, _) = try await SimulationHarness(plan: Samples.parallelPlan(), fixtures: ReproductionTests.fixtures(seed: seed)).run()
        return try recorded.events()
    }

    @Test(arguments: 1...3 as ClosedRange<UInt64>)
    func aCheckpointThatSaysWhatTheEventsDoNotIsRefused(seed: UInt64) async throws {
        let original = try await Self.events(seed: seed)
        _ = try ReproductionOutline.read(original)
        // A checkpoint of the state so far, placed after the events, agrees; one with the status or the plan edited does not.
        let folded = PlanState.fold(original)
        let last = try #require(original.last)
        let place = { (state: PlanState) in original + [Event(sequence: last.sequence + 1, time: last.time, body: .checkpoint(state))] }
        _ = try ReproductionOutline.read(place(folded))
        // Edited states, each the fold of events edited: the plan's end swapped, or its first step's label changed.
        let swappedEnd = original.map { event -> Event in
            switch event.body {
            case .planDone: Event(sequence: event.sequence, time: event.time, body: .planFailed(reason: "edited"))
            case .planFailed: Event(sequence: event.sequence, time: event.time, body: .planDone)
            default: event
            }
        }
        let relabelled = original.map { event -> Event in
            guard case .planCreated(var plan) = event.body, !plan.steps.isEmpty else { return event }
            plan.steps[0].label += " (edited)"
            return Event(sequence: event.sequence, time: event.time, body: .planCreated(plan))
        }
        let edits = [PlanState.fold(swappedEnd), PlanState.fold(relabelled)]
        try #require(edits.allSatisfy { $0 != folded }, "an edit changed nothing")
        for edited in edits {
            #expect(throws: ReproductionOutline.Obstacle.self) { try ReproductionOutline.read(place(edited)) }
        }
    }
}
