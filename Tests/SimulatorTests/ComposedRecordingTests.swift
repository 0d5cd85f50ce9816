import InstallModel
import Orchestrator
import Simulator
import Testing

/// A batched package step with no recording of its own plays its packages' recordings, in order.
@Suite("composed recordings")
struct ComposedRecordingTests {
    static func batchPlan(_ packages: [String], binaries: [String]) -> Plan {
        var steps = [Step(id: "apt-packages", label: "Install with apt",
                          action: .packages(PackagesParameters(manager: .apt, packages: packages, refreshIndex: true)), needsRoot: true)]
        for binary in binaries {
            steps.append(Step(id: StepID("verify-" + binary), label: "Check \(binary)", action: .verify(VerifyParameters(binary: binary)),
                              dependsOn: ["apt-packages"]))
        }
        return Plan(id: PlanID("p-batch"), tools: packages, profile: Samples.profile, steps: steps)
    }

    @Test func threeRecordedInstallsMakeTheBatchAndTheLogSaysWhich() async throws {
        let plan = ComposedRecordingTests.batchPlan(["ripgrep", "fd-find", "bat"], binaries: ["rg", "fdfind", "batcat"])
        let (store, status) = try await SimulationHarness(plan: plan, fixtures: try RepositoryFixtures.set("default")).run()
        #expect(status == .done)
        let events = try store.events()
        let output = events.compactMap { event -> String? in
            if case .outputChunk("apt-packages", _, let data, _) = event.body { return String(decoding: data, as: UTF8.self) }
            return nil
        }.joined()
        let prefix = "apt-get install -y -o DPkg::Lock::Timeout=600 "
        #expect(output.contains(
            "evlog-simulator: no recording of this batch; output composed from 3 recordings, in this order: `\(prefix)ripgrep`, `\(prefix)fd-find`, `\(prefix)bat`\n"))
        let ripgrep = try #require(output.range(of: "Setting up ripgrep"))
        let bat = try #require(output.range(of: "Setting up bat"))
        #expect(ripgrep.lowerBound < bat.lowerBound)
        let commands = events.filter { if case .commandStarted("apt-packages", _, _) = $0.body { true } else { false } }
        #expect(commands.count == 5, "three checks, update, one install")
    }

    @Test func aBatchComposesOnlyWhenEveryPackageHasARecording() async throws {
        let fixtures = try RepositoryFixtures.set("default")
        #expect(fixtures.composition(for: "apt-get install -y -o DPkg::Lock::Timeout=600 ripgrep nosuchtool") == nil)
        #expect(fixtures.composition(for: "apt-get install -y -o DPkg::Lock::Timeout=600 ripgrep fd-find")?.map(\.command) == [
            "apt-get install -y -o DPkg::Lock::Timeout=600 ripgrep", "apt-get install -y -o DPkg::Lock::Timeout=600 fd-find",
        ])
    }

    @Test func anExactRecordingOfTheBatchWinsOverComposition() throws {
        let exact = Samples.fixture("apt-get install -y a b", Samples.response("both at once\n"))
        let set = FixtureSet(name: "t", fixtures: [
            exact, Samples.fixture("apt-get install -y a", Samples.response("a\n")), Samples.fixture("apt-get install -y b", Samples.response("b\n")),
        ])
        #expect(set.fixture(for: "apt-get install -y a b") == exact)
        #expect(set.composition(for: "apt-get install -y b a")?.map(\.command) == ["apt-get install -y b", "apt-get install -y a"])
    }
}
