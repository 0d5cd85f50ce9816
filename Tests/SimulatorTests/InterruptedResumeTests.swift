import InstallModel
import Orchestrator
import Simulator
import Testing

/// A plan stopped by SIGINT (or SIGTERM, the same request) at any point, then resumed, ends as the run never stopped would: every step
/// that did not finish, whatever kept it from running (still pending, cut off mid-way, skipped because a step it
/// needs was killed by the signal and failed), runs on resume (truth10 F11 part 3). Generated: every event of the
/// reference run is a stopping point, with and without the pipx command dying of the signal itself (Ctrl-C reaches
/// the whole process group, so a child can fail before evlog records the interruption).
@Suite("a plan interrupted anywhere and resumed")
struct InterruptedResumeTests {
    static let referenceEvents: Int = 60

    @Test(arguments: 2...referenceEvents, [false, true])
    func everyUnfinishedStepRunsOnResume(afterEvent: Int, childDiesOfTheSignal: Bool) async throws {
        let harness = SimulationHarness(plan: Samples.parallelPlan(), fixtures: Samples.parallelFixtures())
        let store = MemoryEventStore()
        let interrupt = ReproductionTests.InterruptAfter(afterEvent: UInt64(afterEvent))
        let faults = childDiesOfTheSignal
            ? [SimulationFault(command: "pipx install -- black", kind: .fail(Samples.response("KeyboardInterrupt\n", exit: 130, stream: .stderr)))] : []
        let host = PlanHost.simulated(fixtures: harness.fixtures, faults: faults, start: SimulationHarness.start)
        let session = PlanSession(
            store: store, host: host, settings: .init(run: RunSettings(jobs: 4), analyser: LastLinesAnalyser()), observers: [interrupt])
        let first = try await session.start(harness.plan, interruption: interrupt.interruption)
        let stopped = PlanState.fold(try store.events())
        // A stopping point after the end (or one the failure ended first) leaves nothing to resume.
        guard first == .interrupted else { return }
        // (A signal after the last step ended and before `plan_done` leaves none: resume then only concludes.)
        let unfinished = stopped.steps.filter { $0.status != .done && !($0.status == .skipped && !$0.isDependencySkip) }.map(\.id)
        let (finished, status) = try await harness.run(records: store.records)
        let end = PlanState.fold(try finished.events())
        #expect(status == .done, "after event \(afterEvent): \(end.steps.map { "\($0.id.rawValue) \($0.status)" })")
        for id in unfinished {
            #expect(end.step(id)?.status == .done, "after event \(afterEvent): \(id.rawValue) did not run on resume (\(String(describing: end.step(id)?.status)))")
        }
    }
}
