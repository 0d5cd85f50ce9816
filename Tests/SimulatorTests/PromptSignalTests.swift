import InstallModel
import Orchestrator
import Simulator
import Testing

/// A signal that ends the confirmation prompt's asking (its answer is then no) cancels the plan: nothing starts, the log
/// says which signal, and the log reproduces (repro13 F2: Ctrl-C at `[y/N]` was remembered, and a later "y" started the
/// plan only to record it interrupted). A signal with nothing asked (`--yes`) interrupts the run, which can be resumed.
@Suite struct PromptSignalTests {
    static let cases: [(signal: String?, answer: Bool)] = [nil, "SIGINT", "SIGTERM", "SIGHUP"].flatMap { signal in
        [true, false].map { (signal, $0) }
    }

    @Test(arguments: cases)
    func aSignalAtThePromptCancelsThePlanAndOneWithoutAskingInterruptsIt(signal: String?, answer: Bool) async throws {
        let store = MemoryEventStore()
        let host = PlanHost.simulated(fixtures: Samples.parallelFixtures(), faults: [], start: SimulationHarness.start, fileSystem: SimulatedFileSystem())
        let session = PlanSession(store: store, host: host, settings: .init(run: RunSettings(jobs: 2)))
        let interruption = Interruption()
        let status = try await session.start(Samples.parallelPlan(), confirm: {
            if let signal { interruption.request(signal) }
            return answer
        }, interruption: interruption)
        try session.close()
        let events = try store.events()
        let started = events.contains { if case .planStarted = $0.body { true } else { false } }
        #expect(started == answer)
        if !answer {
            #expect(status == .cancelled)
            let reason = events.compactMap { if case .planCancelled(let reason) = $0.body { reason } else { nil } }.first
            #expect(reason.flatMap(PlanSession.promptSignal(cancelling:)) == signal, "\(reason ?? "no plan_cancelled")")
        } else {
            #expect(status == (signal == nil ? .done : .interrupted))
        }
        let outline = try ReproductionOutline.read(events)
        let compared = try await Reproduction.run(outline, events: events, into: MemoryEventStore(), analyser: LastLinesAnalyser())
        #expect(compared == events.filter { if case .checkpoint = $0.body { false } else { true } }.count)
    }
}
