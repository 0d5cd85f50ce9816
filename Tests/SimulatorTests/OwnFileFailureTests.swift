import Foundation
import InstallModel
import Orchestrator
import Simulator
import Testing

/// repro20 #5: a step that failed in evlog's own file work (a write of `~/.bashrc` refused with EACCES), not in a
/// command, cannot fail so in a reproduction, whose file system is simulated: the difference says precisely why.
@Suite struct OwnFileFailureTests {
    @Test(arguments: ["Permission denied (errno 13)", "No space left on device (errno 28)", "Read-only file system (errno 30)"])
    func aStepFailedByAFileErrorIsExplained(error: String) async throws {
        let steps = [Step(id: "shell-path", label: "PATH", action: .shellConfig(ShellConfigParameters(shell: .bash, pathEntries: ["~/.local/bin"])))]
        let plan = Plan(id: PlanID("p-ownwrite"), tools: [], profile: Samples.profile, steps: steps,
                        simulation: Simulation(fixtureSet: Simulation.syntheticSet, seed: 1))
        let (store, status) = try await SimulationHarness(plan: plan, fixtures: FixtureSet(name: "unused", fixtures: [])).run()
        try #require(status == .done)
        let reason = "could not write /home/u/.bashrc: open failed on /home/u/..bashrc.tmp-1-00: \(error)"
        // The run as the user's host recorded it: the write failed.
        let events = try store.events().map { event -> Event in
            guard case .stepDone(let step, _, let micros, _) = event.body else { return event }
            return Event(sequence: event.sequence, time: event.time, body: .stepFailed(step: step, cause: FailureCause(message: reason), durationMicros: micros))
        }
        let outline = try ReproductionOutline.read(events)
        #expect(outline.ownFileFailure?.step == "shell-path")
        do {
            _ = try await Reproduction.run(outline, events: events, into: MemoryEventStore(), analyser: LastLinesAnalyser())
            Issue.record("a write that failed in the original succeeded in the reproduction, and no difference was found")
        } catch let difference as LogComparison.Difference {
            #expect(difference.hint?.contains("failed in evlog's own file work, not in a command (\(reason))") == true, "\(difference.hint ?? "no hint")")
        }
    }
}
