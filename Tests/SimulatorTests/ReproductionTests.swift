import InstallModel
import Orchestrator
import Simulator
import Testing

@Test func aLogsRecordedCommandsReproduceItsRun() async throws {
    var original = SimulationHarness(plan: Samples.parallelPlan(), fixtures: Samples.parallelFixtures())
    original.faults = [SimulationFault(command: "pipx install black", kind: .fail(Samples.response("ERROR: Could not find a version that satisfies the requirement black\n", exit: 1)))]
    let (recorded, status) = try await original.run()
    #expect(status == .failed)
    let events = try recorded.events()
    let fixtures = FixtureExtraction.fixtures(from: events, source: "extracted in a test")
    // Every command that ran became a fixture, keyed by its command line.
    #expect(fixtures.contains { $0.command == "pipx install black" && $0.responses.first?.exitCode == 1 })
    let reproduction = SimulationHarness(plan: Samples.parallelPlan(), fixtures: FixtureSet(name: "extracted", fixtures: fixtures))
    let (replayed, replayedStatus) = try await reproduction.run()
    #expect(replayedStatus == .failed)
    #expect(FixtureExtraction.signature(of: try replayed.events()) == FixtureExtraction.signature(of: events))
}

@Test func signaturesDifferWhenAnOutcomeDiffers() async throws {
    let good = SimulationHarness(plan: Samples.parallelPlan(), fixtures: Samples.parallelFixtures())
    var bad = good
    bad.faults = [SimulationFault(command: "jq --version", kind: .fail(Samples.response("jq: error\n", exit: 2)))]
    let (a, _) = try await good.run()
    let (b, _) = try await bad.run()
    #expect(FixtureExtraction.signature(of: try a.events()) != FixtureExtraction.signature(of: try b.events()))
}
