import Foundation
import InstallModel
import Orchestrator
import Simulator
import Testing

/// The repository's fixture sets, found from this file's location.
enum RepositoryFixtures {
    static func set(_ name: String) throws -> FixtureSet {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try FixtureSet.load(directory: root.appendingPathComponent("Fixtures/sim/\(name)").path)
    }

    static func ripgrepPlan() -> Plan {
        let steps = [
            Step(id: "apt-packages", label: "Install ripgrep with apt",
                 action: .packages(PackagesParameters(manager: .apt, packages: ["ripgrep"], refreshIndex: true)), needsRoot: true),
            Step(id: "verify-ripgrep", label: "Check that rg runs", action: .verify(VerifyParameters(binary: "rg")),
                 dependsOn: ["apt-packages"]),
        ]
        return Plan(id: PlanID("p-remedy"), tools: ["ripgrep"], profile: Samples.profile, steps: steps)
    }
}

@Test func aFixableFailureEndsDoneAfterAutomaticRemediation() async throws {
    var harness = SimulationHarness(plan: RepositoryFixtures.ripgrepPlan(), fixtures: try RepositoryFixtures.set("dpkg-interrupted"))
    harness.analyser = RuleBasedAnalyser()
    harness.autoRemediate = true
    let (store, status) = try await harness.run()
    #expect(status == .done)
    let events = try store.events()
    let analysed = events.compactMap { event -> Diagnosis? in
        if case .failureAnalysed(_, let diagnosis) = event.body { return diagnosis }
        return nil
    }
    #expect(analysed.map(\.kind) == [.dpkgInterrupted])
    #expect(events.contains { if case .remediationApplied(_, "dpkg-configure-retry", _) = $0.body { true } else { false } })
    let state = PlanState.fold(events)
    #expect(state.step("apt-packages")?.attempt == 2)
    #expect(state.steps.allSatisfy { $0.status == .done })
}

@Test func withoutRemediateTheSameFailureStopsThePlanWithProposals() async throws {
    var harness = SimulationHarness(plan: RepositoryFixtures.ripgrepPlan(), fixtures: try RepositoryFixtures.set("dpkg-interrupted"))
    harness.analyser = RuleBasedAnalyser()
    let (store, status) = try await harness.run()
    #expect(status == .failed)
    let state = PlanState.fold(try store.events())
    #expect(state.step("apt-packages")?.proposedRemediations.first?.id == "dpkg-configure-retry")
    #expect(state.step("verify-ripgrep")?.status == .skipped)
}

@Test func theDefaultFixtureSetInstallsRipgrepAsRecorded() async throws {
    let harness = SimulationHarness(plan: RepositoryFixtures.ripgrepPlan(), fixtures: try RepositoryFixtures.set("default"))
    let (store, status) = try await harness.run()
    #expect(status == .done)
    let commands = try store.events().compactMap { event -> String? in
        if case .commandStarted(_, let argv, _) = event.body { return argv.joined(separator: " ") }
        return nil
    }
    #expect(commands == [
        "dpkg-query -W -f=${Status} ripgrep", "apt-get update", "apt-get install -y -o DPkg::Lock::Timeout=600 ripgrep",
        "rg --version",
    ])
}
