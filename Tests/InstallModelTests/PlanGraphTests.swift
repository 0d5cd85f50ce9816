import InstallModel
import Testing

@Suite struct PlanGraphTests {
    private func validationError(_ steps: [Step]) -> PlanValidationError? {
        do {
            _ = try PlanGraph(steps: steps)
            return nil
        } catch {
            return error
        }
    }

    @Test func cycleIsNamedWithItsStepsInDependencyOrder() {
        let steps = [
            Fixtures.command("a", dependsOn: ["c"]), Fixtures.command("b", dependsOn: ["a"]),
            Fixtures.command("c", dependsOn: ["b"]),
        ]
        let error = validationError(steps)
        #expect(error == .cycle(["a", "b", "c"]))
        #expect(error?.description == "dependency cycle: a → b → c → a")
    }

    @Test func cycleIsNamedTheSameWhicheverStepTheSearchStartsFrom() {
        let steps = [
            Fixtures.command("c", dependsOn: ["b"]), Fixtures.command("a", dependsOn: ["c"]),
            Fixtures.command("b", dependsOn: ["a"]),
        ]
        // Plan order decides where the name starts; dependency order decides the rest.
        #expect(validationError(steps) == .cycle(["c", "a", "b"]))
    }

    @Test func cycleBehindOtherStepsNamesOnlyTheCycle() {
        let steps = [
            Fixtures.command("ok"), Fixtures.command("x", dependsOn: ["y", "ok"]),
            Fixtures.command("y", dependsOn: ["z"]), Fixtures.command("z", dependsOn: ["y"]),
            Fixtures.command("after", dependsOn: ["x"]),
        ]
        #expect(validationError(steps) == .cycle(["y", "z"]))
    }

    @Test func stepDependingOnItselfIsACycleOfOne() {
        let error = validationError([Fixtures.command("ok"), Fixtures.command("loop", dependsOn: ["loop"])])
        #expect(error == .cycle(["loop"]))
        #expect(error?.description == "dependency cycle: loop → loop")
    }

    @Test func missingDependencyIsNamedWithTheStepThatNeedsIt() {
        let error = validationError([Fixtures.command("a"), Fixtures.command("b", dependsOn: ["a", "ghost"])])
        #expect(error == .missingDependency(step: "b", missing: "ghost"))
        #expect(error?.description == "step 'b' depends on 'ghost', which is not in the plan")
    }

    @Test func duplicateStepIDsAreRejected() {
        let error = validationError([Fixtures.command("a"), Fixtures.command("b"), Fixtures.packages("a")])
        #expect(error == .duplicateStepID("a"))
    }

    @Test func repeatedDependencyCountsOnce() throws {
        let graph = try PlanGraph(steps: [Fixtures.command("a"), Fixtures.command("b", dependsOn: ["a", "a"])])
        #expect(graph.dependencies == [[], [0]])
        #expect(graph.dependents == [[1], []])
    }

    @Test func topologicalOrderBreaksTiesByPlanOrder() throws {
        let graph = try PlanGraph(steps: [
            Fixtures.command("a", dependsOn: ["b"]), Fixtures.command("b"), Fixtures.command("c"),
            Fixtures.command("d", dependsOn: ["c"]),
        ])
        #expect(graph.topologicalOrder.map { graph.stepIDs[$0] } == ["b", "a", "c", "d"])
    }

    @Test func stepsOfOneLockDomainAreChainedInTopologicalOrder() throws {
        let graph = try PlanGraph(steps: [
            Fixtures.packages("late", dependsOn: ["pip"]), Fixtures.packages("first"), Fixtures.pipTool("pip"),
            Fixtures.packages("rpm", .yum), Fixtures.packages("rpm2", .dnf), Fixtures.command("free"),
        ])
        // Topological order: first, pip, late (ready once pip is placed, lowest index), rpm, rpm2, free.
        #expect(graph.orderingPredecessors == [[1], [], [], [], [3], []])
        #expect(graph.lockDomains == [.apt, .apt, .pip, .dnf, .dnf, nil])
    }

    @Test func randomPlansGetAValidDeterministicOrder() throws {
        for seed in UInt64(0)..<200 {
            let generator = ValidStreamGenerator(seed: seed)
            let plan = generator.plan()
            let graph = try PlanGraph(steps: plan.steps)
            #expect(try PlanGraph(steps: plan.steps) == graph, "seed \(seed)")
            #expect(graph.topologicalOrder.sorted() == Array(plan.steps.indices), "seed \(seed)")
            var position: [Int: Int] = [:]
            for (rank, index) in graph.topologicalOrder.enumerated() { position[index] = rank }
            for (index, dependencies) in graph.dependencies.enumerated() {
                for dependency in dependencies {
                    #expect(position[dependency, default: .max] < position[index, default: .min], "seed \(seed)")
                }
            }
            for (index, predecessors) in graph.orderingPredecessors.enumerated() {
                for predecessor in predecessors {
                    #expect(graph.lockDomains[predecessor] == graph.lockDomains[index], "seed \(seed)")
                    #expect(position[predecessor, default: .max] < position[index, default: .min], "seed \(seed)")
                }
            }
            let state = EventScript(plan: plan).state
            #expect(state.readySteps == EventScript(plan: plan).state.readySteps, "seed \(seed)")
        }
    }

    @Test func stepsAreFoundByIDInSmallAndLargePlans() throws {
        for count in [1, 16, 17, 200] {
            let steps = (0..<count).map { Fixtures.command(StepID("step-\($0)")) }
            let graph = try PlanGraph(steps: steps)
            for (index, step) in steps.enumerated() { #expect(graph.index(of: step.id) == index) }
            #expect(graph.index(of: "absent") == nil)
        }
    }

    @Test func transitiveDependentsFollowEveryPath() throws {
        let graph = try PlanGraph(steps: [
            Fixtures.command("root"), Fixtures.command("left", dependsOn: ["root"]),
            Fixtures.command("right", dependsOn: ["root"]), Fixtures.command("join", dependsOn: ["left", "right"]),
            Fixtures.command("other"),
        ])
        #expect(graph.transitiveDependents(of: 0) == [1, 2, 3])
        #expect(graph.transitiveDependents(of: 4) == [])
    }
}
