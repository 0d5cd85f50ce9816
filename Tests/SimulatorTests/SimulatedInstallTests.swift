import InstallModel
import Orchestrator
import Simulator
import Testing

@Test func simulatedPlanRunsToDone() async throws {
    let harness = SimulationHarness(plan: Samples.parallelPlan(), fixtures: Samples.parallelFixtures())
    let (store, status) = try await harness.run()
    #expect(status == .done)
    let state = PlanState.fold(try store.events())
    #expect(state.status == .done)
    #expect(state.steps.allSatisfy { $0.status == .done })
}

// Same seed and fixtures → a byte-identical log is checked across two processes, by the CLI:
// `evlogTests/SimulatedInstallTests.sameSeedGivesAByteIdenticalLog`.

@Test func twoPackageManagerStepsNeverOverlapOnTheVirtualClock() async throws {
    let harness = SimulationHarness(plan: Samples.parallelPlan(), fixtures: Samples.parallelFixtures())
    let (store, _) = try await harness.run()
    var open: [StepID: Timestamp] = [:]
    var intervals: [(StepID, Timestamp, Timestamp)] = []
    for event in try store.events() {
        switch event.body {
        case .stepStarted(let step, _, _, _): open[step] = event.time
        case .stepDone(let step, _, _, _), .stepFailed(let step, _, _), .stepSkipped(let step, _, _):
            if let start = open.removeValue(forKey: step) { intervals.append((step, start, event.time)) }
        default: break
        }
    }
    let apt = intervals.filter { $0.0.rawValue.hasPrefix("apt-") }
    #expect(apt.count == 2)
    for a in apt { for b in apt where a.0 < b.0 { #expect(a.2 <= b.1 || b.2 <= a.1, "\(a.0) and \(b.0) overlap") } }
    // The pipx step runs beside apt: parallelism is real.
    let pipx = try #require(intervals.first { $0.0 == "pipx-black" })
    #expect(apt.contains { $0.1 < pipx.2 && pipx.1 < $0.2 })
}

@Test func failedStepSkipsDependentsAndLetsIndependentBranchesFinish() async throws {
    var harness = SimulationHarness(plan: Samples.parallelPlan(), fixtures: Samples.parallelFixtures())
    harness.faults = [SimulationFault(command: "pipx install -- black", kind: .fail(Samples.response("ERROR: network down\n", exit: 1)))]
    let (store, status) = try await harness.run()
    #expect(status == .failed)
    let state = PlanState.fold(try store.events())
    #expect(state.step("pipx-black")?.status == .failed)
    #expect(state.step("verify-black")?.status == .skipped)
    #expect(state.step("verify-black")?.skipReason == .dependencyFailed("pipx-black"))
    #expect(state.step("verify-rg")?.status == .done)
    #expect(state.step("pipx-black")?.diagnosis != nil)
}

@Test func theRunnerTakesEveryTimestampFromTheDriverNeverFromTheRecordersClock() async throws {
    let plan = Samples.parallelPlan()
    let created = try EventPayload.encode(Event(sequence: 1, time: SimulationHarness.start, body: .planCreated(plan)))
    let store = MemoryEventStore(records: [created])
    // Reading this clock traps: the run below must stamp everything from the virtual driver.
    let virtual = VirtualClock(start: SimulationHarness.start)
    let host = PlanHost(
        runner: SimulatedRunner(fixtures: Samples.parallelFixtures()), fileSystem: SimulatedFileSystem(), clock: UnreadableClock(),
        makeDriver: { VirtualDriver(clock: virtual) }, environment: [:], userHome: "/home/dev", workDirectory: "/tmp/w",
        backupDirectory: "/tmp/b")
    let session = PlanSession(
        store: store, state: PlanState.fold(try store.events()), host: host,
        settings: .init(run: RunSettings(jobs: 4), analyser: LastLinesAnalyser()))
    #expect(try await session.resume(prepare: { _ in true }) == .done)
    #expect(try store.events().allSatisfy { $0.time >= SimulationHarness.start })
}
