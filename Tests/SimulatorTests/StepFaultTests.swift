import Foundation
import InstallModel
import Orchestrator
import Simulator
import Testing

/// `--fault STEP=fail[:KIND]|hang|partial`: parsing, and what each does to a step in a simulated run.
@Suite("step faults")
struct StepFaultTests {
    @Test func faultSpecsParseAndPrintBack() throws {
        for text in ["verify-jq=fail", "apt-packages=fail:network-unreachable", "x=hang", "y=partial"] {
            #expect(try StepFault(parsing: text).description == text)
        }
    }

    @Test(arguments: ["verify-jq", "=fail", "x=explode", "x=fail:no-such-kind", "x=fail:"])
    func aBadFaultSpecIsOneClearLine(text: String) {
        let error = #expect(throws: StepFaultSyntaxError.self) { try StepFault(parsing: text) }
        let message = error?.description ?? ""
        #expect(message.hasPrefix("--fault \(text): "))
        #expect(!message.contains("\n"))
    }

    static func run(_ fault: StepFault, analyser: any FailureAnalysing = RuleBasedAnalyser()) async throws -> [Event] {
        var plan = RepositoryFixtures.ripgrepPlan()
        plan.simulation = Simulation(fixtureSet: Simulation.syntheticSet, seed: 2, faults: [fault])
        var harness = SimulationHarness(plan: plan, fixtures: FixtureSet(name: "unused", fixtures: []))
        harness.analyser = analyser
        let system = try SimulatedSystem(plan: plan, fixtures: nil, failureSamples: CatalogPlans.failureSamples)
        harness.makeSystem = { system }
        return try await harness.run().0.events()
    }

    @Test func aFailWithAKindIsDiagnosedAsThatKindWithItsRemediations() async throws {
        let events = try await StepFaultTests.run(StepFault(step: "verify-ripgrep", effect: .fail(.networkUnreachable)))
        let state = PlanState.fold(events)
        #expect(state.status == .failed)
        let step = try #require(state.step("verify-ripgrep"))
        #expect(step.diagnosis?.kind == .networkUnreachable)
        #expect(step.proposedRemediations.map(\.id).contains("check-network"))
        #expect(state.step("apt-packages")?.status == .done)
    }

    @Test func aFailWithoutAKindSaysItWasInjected() async throws {
        let events = try await StepFaultTests.run(StepFault(step: "apt-packages", effect: .fail(nil)))
        let state = PlanState.fold(events)
        #expect(state.step("apt-packages")?.status == .failed)
        #expect(state.step("verify-ripgrep")?.status == .skipped)
        #expect(output(of: "apt-packages", in: events).contains("evlog-simulator: --fault apt-packages=fail: "))
    }

    @Test func theInstalledCheckIsNotWhatFails() async throws {
        let events = try await StepFaultTests.run(StepFault(step: "apt-packages", effect: .fail(nil)))
        let commands = events.compactMap { event -> String? in
            if case .commandStarted("apt-packages", let argv, _) = event.body { return argv.joined(separator: " ") }
            return nil
        }
        #expect(commands.first?.hasPrefix("dpkg-query") == true)
        #expect(commands.count == 2, "the check, then the first command that changes something fails: \(commands)")
    }

    @Test func aHangRunsIntoTheStepTimeout() async throws {
        let events = try await StepFaultTests.run(StepFault(step: "verify-ripgrep", effect: .hang))
        let step = try #require(PlanState.fold(events).step("verify-ripgrep"))
        #expect(step.exitCode == 124)
        #expect(step.failureKind == .stepTimeout)
    }

    @Test func aPartialFaultKillsTheCommand() async throws {
        let events = try await StepFaultTests.run(StepFault(step: "apt-packages", effect: .partial))
        #expect(PlanState.fold(events).step("apt-packages")?.exitCode == 137)
    }

    @Test func aFaultOnAStepThePlanLacksIsRefused() throws {
        var plan = RepositoryFixtures.ripgrepPlan()
        plan.simulation = Simulation(fixtureSet: Simulation.syntheticSet, seed: 2, faults: [StepFault(step: "nope", effect: .hang)])
        #expect(throws: SimulatorError.faultStepUnknown(fault: "nope=hang", steps: ["apt-packages", "verify-ripgrep"])) {
            try SimulatedSystem(plan: plan, fixtures: nil, failureSamples: FailureSamples(samples: []))
        }
    }

    @Test func theSameFaultMeetsARetryAgain() async throws {
        var plan = RepositoryFixtures.ripgrepPlan()
        plan.simulation = Simulation(fixtureSet: Simulation.syntheticSet, seed: 2, faults: [StepFault(step: "verify-ripgrep", effect: .fail(nil))])
        var harness = SimulationHarness(plan: plan, fixtures: FixtureSet(name: "unused", fixtures: []))
        let system = try SimulatedSystem(plan: plan, fixtures: nil, failureSamples: FailureSamples(samples: []))
        harness.makeSystem = { system }
        let (first, _) = try await harness.run()
        let (second, status) = try await harness.run(records: first.records)
        #expect(status == .failed)
        #expect(PlanState.fold(try second.events()).step("verify-ripgrep")?.attempt == 2)
    }

    private func output(of step: StepID, in events: [Event]) -> String {
        events.compactMap { event -> String? in
            if case .outputChunk(step, _, let data, _) = event.body { return String(decoding: data, as: UTF8.self) }
            return nil
        }.joined()
    }
}
