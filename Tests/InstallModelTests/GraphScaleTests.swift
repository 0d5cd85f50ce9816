import InstallModel
import Testing

/// The graph's n log n paths (heap-ordered topological sort, constant-time duplicate dependencies, one walk
/// for blocked steps) against the plain quadratic definitions they replaced, on seeded random DAGs with
/// repeated dependencies and random failures.
@Suite struct GraphScaleTests {
    /// A random DAG: each step depends on some earlier ones (in a shuffled plan order), some listed twice.
    private func randomSteps(_ random: inout SplitMix64) -> [Step] {
        let count = Int.random(in: 1...60, using: &random)
        let names = (0..<count).map { StepID("s\($0)") }
        var steps: [Step] = []
        for index in 0..<count {
            var dependsOn: [StepID] = []
            for _ in 0..<Int.random(in: 0...min(index, 6), using: &random) {
                let target = names[Int.random(in: 0..<index, using: &random)]
                dependsOn.append(target)
                if Bool.random(using: &random) { dependsOn.append(target) }
            }
            steps.append(Fixtures.command(names[index], dependsOn: dependsOn))
        }
        return steps.shuffled(using: &random)
    }

    /// Kahn's algorithm taking the lowest plan index by a scan, as the graph did before its heap.
    private func referenceOrder(_ steps: [Step]) -> [StepID] {
        var remaining = steps.map { Set($0.dependsOn).count }
        var order: [Int] = []
        var ready = steps.indices.filter { remaining[$0] == 0 }
        while let next = ready.min() {
            ready.removeAll { $0 == next }
            order.append(next)
            for (index, step) in steps.enumerated() where Set(step.dependsOn).contains(steps[next].id) {
                remaining[index] -= 1
                if remaining[index] == 0 { ready.append(index) }
            }
        }
        return order.map { steps[$0].id }
    }

    @Test(arguments: 1...200) func topologicalOrderIsTheLowestIndexFirstOrder(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let steps = randomSteps(&random)
        let graph = try PlanGraph(steps: steps)
        #expect(graph.topologicalOrder.map { graph.stepIDs[$0] } == referenceOrder(steps), "seed \(seed)")
        for (index, step) in steps.enumerated() {
            let expected = step.dependsOn.reduce(into: [Int]()) { list, id in
                if let target = graph.index(of: id), !list.contains(target) { list.append(target) }
            }
            #expect(graph.dependencies[index] == expected, "seed \(seed) step \(step.id)")
        }
    }

    @Test(arguments: 1...200) func blockedStepsNameTheFirstFailureTheyDependOn(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let steps = randomSteps(&random)
        let graph = try PlanGraph(steps: steps)
        var script = EventScript(plan: Fixtures.plan(steps))
        for index in graph.topologicalOrder {
            let state = script.state
            guard state.readySteps.contains(graph.stepIDs[index]) else { continue }
            script.run(graph.stepIDs[index], succeeds: Int.random(in: 0..<4, using: &random) != 0)
        }
        let state = script.state
        var expected: [(StepID, StepID)] = []
        var seen = Set<Int>()
        for index in graph.topologicalOrder where state.steps[index].status == .failed {
            for dependent in graph.transitiveDependents(of: index)
            where state.steps[dependent].status == .pending && seen.insert(dependent).inserted {
                expected.append((graph.stepIDs[dependent], graph.stepIDs[index]))
            }
        }
        #expect(state.blockedSteps.map(\.step) == expected.map(\.0), "seed \(seed)")
        #expect(state.blockedSteps.map(\.failed) == expected.map(\.1), "seed \(seed)")
    }

    @Test(arguments: 1...100) func heapGivesBackEverythingInOrder(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let values = (0..<Int.random(in: 0...300, using: &random)).map { _ in Int.random(in: -50...50, using: &random) }
        var heap = MinHeap(values)
        var taken: [Int] = []
        while let next = heap.popMin() { taken.append(next) }
        #expect(taken == values.sorted(), "seed \(seed)")
    }
}
