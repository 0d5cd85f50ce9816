import InstallModel
import Orchestrator
import Simulator
import Testing

/// repro22 #8: a command that exited 126 by itself (a script running a helper without its x bit, as CI scripts do) is
/// "exited with 126" in the reproduction too, not "is there but not executable" (evlog's words for a program it could
/// not run): a termination a plain exit cannot be told from by kind, signal and code is read from the recorded words.
@Suite struct PlainExitReproductionTests {
    @Test(arguments: [1, 2, 125, 126, 128, 255] as [Int32])
    func aCommandsOwnExitReproduces(exit: Int32) async throws {
        var original = SimulationHarness(plan: Samples.parallelPlan(), fixtures: Samples.parallelFixtures())
        original.faults = [SimulationFault(command: "jq --version", kind: .fail(Samples.response("jq: Permission denied\n", exit: exit, stream: .stderr)))]
        let (store, status) = try await original.run()
        #expect(status == .failed)
        let events = try store.events()
        let failed = events.contains { if case .stepFailed(_, let cause, _) = $0.body { cause.message == "jq exited with \(exit)" } else { false } }
        try #require(failed, "the original did not fail as a plain exit")
        let outline = try ReproductionOutline.read(events)
        #expect(outline.terminations.isEmpty)
        _ = try await ReproductionTests.reproduce(events)
    }
}
