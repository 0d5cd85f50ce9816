import InstallModel
import Testing

/// The ready set the fold keeps up to date as steps change (F15: it was recomputed over every step at
/// each step start and end) against its definition evaluated from scratch, after every event of random
/// valid logs: retries, remediations that splice steps in, skips, interruptions, checkpoints, locks.
@Suite struct IncrementalReadyStepsTests {
    /// `readySteps` by its definition: a walk over every step in topological order.
    private func referenceReady(_ state: PlanState) -> [StepID] {
        guard state.status == .running, let graph = state.graph else { return [] }
        func lets(_ step: StepState) -> Bool {
            step.status == .done
                || (step.status == .skipped && (step.skipReason == .alreadySatisfied || step.skipReason == .userSkipped))
        }
        var busy = Set<PackageManager>()
        for index in state.steps.indices where [.running, .uncertain].contains(state.steps[index].status) {
            if let lock = graph.lockDomains[index] { busy.insert(lock) }
        }
        var ready: [StepID] = []
        for index in graph.topologicalOrder where state.steps[index].status == .pending {
            guard graph.dependencies[index].allSatisfy({ lets(state.steps[$0]) }),
                graph.orderingPredecessors[index].allSatisfy({ state.steps[$0].status.isTerminal })
            else { continue }
            if let lock = graph.lockDomains[index], !busy.insert(lock).inserted { continue }
            ready.append(graph.stepIDs[index])
        }
        return ready
    }

    @Test func readyStepsAfterEveryEventEqualTheirDefinition() {
        for seed in FoldPropertyTests.seeds {
            var state = PlanState()
            for (index, event) in ValidStreamGenerator(seed: seed).stream().enumerated() {
                state.apply(event)
                let expected = referenceReady(state)
                guard state.readySteps == expected else {
                    Issue.record("seed \(seed), event \(index) (\(event.body.typeName)): \(state.readySteps) ≠ \(expected)")
                    break
                }
                let limit = index % 3
                #expect(state.readySteps(limit: limit) == Array(expected.prefix(limit)), "seed \(seed), event \(index)")
                for step in state.steps where state.isReady(step.id) != expected.contains(step.id) {
                    Issue.record("seed \(seed), event \(index): isReady(\(step.id)) is \(state.isReady(step.id))")
                }
            }
        }
    }

    /// A plan past one word of the candidate bitmap and past one summary word: a chain and independent
    /// steps, run to the end one step at a time, each step ready exactly when its turn comes.
    @Test(arguments: [1, 63, 64, 65, 4_095, 4_097, 9_000]) func largePlansOfferTheirStepsInOrder(count: Int) {
        for chained in [true, false] {
            let ids = (0..<count).map { StepID("s\($0)") }
            let steps = ids.indices.map { Fixtures.command(ids[$0], dependsOn: chained && $0 > 0 ? [ids[$0 - 1]] : []) }
            var state = PlanState()
            var sequence: UInt64 = 0
            func apply(_ body: EventBody) {
                sequence += 1
                state.apply(Event(sequence: sequence, time: Timestamp(microseconds: Int64(sequence)), body: body))
            }
            apply(.planCreated(Fixtures.plan(steps)))
            apply(.planStarted)
            for (index, id) in ids.enumerated() {
                let expected = chained ? [id] : Array(ids[index...].prefix(3))
                guard state.readySteps(limit: 3) == expected, state.isReady(id) else {
                    Issue.record("\(count) steps, chained \(chained): step \(index) not offered in its turn")
                    break
                }
                apply(.stepStarted(step: id, attempt: 1, command: ["run"]))
                apply(.stepDone(step: id, exitCode: 0, durationMicros: 1, note: nil))
            }
            #expect(state.readySteps.isEmpty && state.isComplete, "\(count) steps, chained \(chained)")
        }
    }
}
