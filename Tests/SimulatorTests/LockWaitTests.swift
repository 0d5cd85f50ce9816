import InstallModel
import Orchestrator
import Simulator
import Testing

private func pacmanPlan() -> Plan {
    let profile = SystemProfile(
        name: "arch", osFamily: "arch", distribution: "arch", version: "rolling", arch: "x86_64", initSystem: .systemd,
        packageManagers: [.pacman], isRoot: true, hasSudo: false, inContainer: false, externallyManagedPython: true)
    let step = Step(id: "pacman-packages", label: "Install ripgrep with pacman",
                    action: .packages(PackagesParameters(manager: .pacman, packages: ["ripgrep"])), needsRoot: true)
    return Plan(id: PlanID("p-lock"), tools: ["ripgrep"], profile: profile, steps: [step])
}

private let pacmanFixtures = FixtureSet(name: "pacman", fixtures: [
    Samples.fixture("pacman -Q ripgrep", Samples.response("error: package 'ripgrep' was not found\n", exit: 1, stream: .stderr)),
    Samples.fixture("pacman -S --noconfirm --needed ripgrep", Samples.response("installing ripgrep...\n", delayMs: 900)),
])

@Test func aHeldPacmanLockIsWaitedForWithAMessageThenReportedAsLocked() async throws {
    var harness = SimulationHarness(plan: pacmanPlan(), fixtures: pacmanFixtures)
    harness.makeFileSystem = { SimulatedFileSystem(files: ["/var/lib/pacman/db.lck": []]) }
    let (store, status) = try await harness.run()
    #expect(status == .failed)
    let events = try store.events()
    let state = PlanState.fold(events)
    let step = try #require(state.step("pacman-packages"))
    #expect(step.failureKind == .packageManagerLocked)
    // It waited the full lock budget on the virtual clock before giving up, saying so along the way.
    #expect((step.durationMicros ?? 0) >= 600_000_000)
    let said = events.compactMap { event -> String? in
        if case .outputChunk(_, _, let data, _) = event.body { return String(decoding: data, as: UTF8.self) }
        return nil
    }.joined()
    #expect(said.contains("waiting for another pacman to finish"))
    #expect(!events.contains { if case .commandStarted(_, let argv, _) = $0.body { argv.first == "pacman" && argv.contains("-S") } else { false } })
}

@Test func aFreePacmanLockIsNotWaitedFor() async throws {
    let (store, status) = try await SimulationHarness(plan: pacmanPlan(), fixtures: pacmanFixtures).run()
    #expect(status == .done)
    #expect((PlanState.fold(try store.events()).step("pacman-packages")?.durationMicros ?? .max) < 5_000_000)
}
