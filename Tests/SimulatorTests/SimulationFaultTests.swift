import InstallModel
import Orchestrator
import Simulator
import Testing

@Test func aHangingCommandRunsIntoTheStepTimeoutOnTheVirtualClock() async throws {
    var plan = Samples.parallelPlan()
    plan.steps = plan.steps.map { step in
        var copy = step
        if step.id == "pipx-black" { copy.timeoutSeconds = 30 }
        return copy
    }
    var harness = SimulationHarness(plan: plan, fixtures: Samples.parallelFixtures())
    harness.faults = [SimulationFault(command: "pipx install -- black", kind: .hang)]
    let (store, status) = try await harness.run()
    #expect(status == .failed)
    let events = try store.events()
    let state = PlanState.fold(events)
    let step = try #require(state.step("pipx-black"))
    #expect(step.status == .failed)
    #expect(step.exitCode == 124)
    #expect(step.failureKind == .stepTimeout)
    // 30 s of virtual time passed, none of it real.
    #expect(step.durationMicros.map { $0 >= 30_000_000 && $0 < 31_000_000 } == true)
}

@Test func partialOutputThenAKillIsRecordedAsItHappened() async throws {
    var harness = SimulationHarness(plan: Samples.parallelPlan(), fixtures: Samples.parallelFixtures())
    harness.faults = [SimulationFault(command: "pipx install -- black", kind: .partialOutput("  installing black, collecting wheels\n"))]
    let (store, status) = try await harness.run()
    #expect(status == .failed)
    let events = try store.events()
    let output = events.compactMap { event -> String? in
        if case .outputChunk("pipx-black", _, let data, _) = event.body { return String(decoding: data, as: UTF8.self) }
        return nil
    }.joined()
    #expect(output == "  installing black,")  // the first half of the 38 bytes
    #expect(PlanState.fold(events).step("pipx-black")?.exitCode == 137)
}

@Test func aCommandWithoutARecordingIsNotRunAndTheStepDoesNotBlameTheHost() async throws {
    var fixtures = Samples.parallelFixtures()
    fixtures.fixtures.removeAll { $0.command == "black --version" }
    var harness = SimulationHarness(plan: Samples.parallelPlan(), fixtures: fixtures)
    harness.analyser = RuleBasedAnalyser()
    let (store, status) = try await harness.run()
    #expect(status == .failed)
    let events = try store.events()
    let output = events.compactMap { event -> String? in
        if case .outputChunk("verify-black", _, let data, _) = event.body { return String(decoding: data, as: UTF8.self) }
        return nil
    }.joined()
    let message = "no recorded output for `black --version` in fixture set \(fixtures.name) "
        + "(record it with Tools/record-fixture, or use --simulate=synthetic)"
    #expect(output == "evlog-simulator: " + message + "\n")
    let step = try #require(PlanState.fold(events).step("verify-black"))
    #expect(step.status == .failed)
    #expect(step.failureReason == message)
    // Nothing ran: no exit status, no kind the executor claims, and the analysis does not say the program is missing.
    #expect(step.exitCode == nil)
    #expect(step.failureKind == nil)
    #expect(step.diagnosis.map { $0.kind != .commandNotFound } == true)
    let finished = events.compactMap { event -> Int32? in
        if case .commandFinished("verify-black", let code, _, _) = event.body { return code }
        return nil
    }
    #expect(finished == [126])
}
