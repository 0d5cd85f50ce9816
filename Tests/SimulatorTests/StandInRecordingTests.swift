import Catalog
import InstallModel
import Orchestrator
import Simulator
import Testing

/// A documented output of a command may stand in for the same command on other packages, and the
/// simulator says so; the other package managers' profiles run on documented outputs.
@Suite("stand-in recordings")
struct StandInRecordingTests {
    static let install = "apt-get install -y -o DPkg::Lock::Timeout=600 "

    /// One batched apt step for `packages`, no index refresh, no verify.
    static func batchPlan(_ packages: [String]) -> Plan {
        let step = Step(id: "apt-packages", label: "Install with apt",
                        action: .packages(PackagesParameters(manager: .apt, packages: packages, refreshIndex: false)), needsRoot: true)
        return Plan(id: PlanID("p-standin"), tools: packages, profile: Samples.profile, steps: [step])
    }

    static func notInstalled(_ package: String) -> Fixture {
        Samples.fixture("dpkg-query -W -f=${Status} \(package)", Samples.response("", exit: 1))
    }

    static func output(of events: [Event], step: StepID) -> String {
        events.compactMap { event -> String? in
            if case .outputChunk(let id, _, let data, _) = event.body, id == step { return String(decoding: data, as: UTF8.self) }
            return nil
        }.joined()
    }

    @Test func aDocumentedOutputStandsInForOtherPackagesAndTheLogSaysSo() async throws {
        var documented = Samples.fixture(StandInRecordingTests.install + "a", Samples.response("Setting up a\n"))
        documented.standsInFor = StandInRecordingTests.install + "*"
        let fixtures = FixtureSet(name: "t", fixtures: [documented, StandInRecordingTests.notInstalled("b"), StandInRecordingTests.notInstalled("c")])
        let (store, status) = try await SimulationHarness(plan: StandInRecordingTests.batchPlan(["b", "c"]), fixtures: fixtures).run()
        #expect(status == .done)
        let output = StandInRecordingTests.output(of: try store.events(), step: "apt-packages")
        #expect(output.hasSuffix(
            "evlog-simulator: no recording of this command; playing the documented output of `\(StandInRecordingTests.install)a` "
                + "in its place (it stands in for `\(StandInRecordingTests.install)*`)\nSetting up a\n"))
    }

    @Test func recordingsOfEveryPackageComposeBeforeAnyStandIn() async throws {
        var documented = Samples.fixture(StandInRecordingTests.install + "a", Samples.response("Setting up a\n"))
        documented.standsInFor = StandInRecordingTests.install + "*"
        let fixtures = FixtureSet(name: "t", fixtures: [
            documented, Samples.fixture(StandInRecordingTests.install + "b", Samples.response("Setting up b\n")),
            StandInRecordingTests.notInstalled("a"), StandInRecordingTests.notInstalled("b"),
        ])
        let (store, status) = try await SimulationHarness(plan: StandInRecordingTests.batchPlan(["a", "b"]), fixtures: fixtures).run()
        #expect(status == .done)
        let output = StandInRecordingTests.output(of: try store.events(), step: "apt-packages")
        #expect(output.contains("output composed from 2 recordings"))
        #expect(!output.contains("in its place"))
        #expect(output.hasSuffix("Setting up a\nSetting up b\n"))
    }

    @Test func aStandInIsOnlyForCommandsItsPatternFits() throws {
        var documented = Samples.fixture("dnf install -y ripgrep", Samples.response("ok\n"))
        documented.standsInFor = "dnf install -y *"
        let set = FixtureSet(name: "t", fixtures: [documented])
        #expect(set.standIn(for: "dnf install -y jq") == documented)
        #expect(set.standIn(for: "dnf makecache") == nil)
        #expect(set.fixture(for: "dnf install -y jq") == nil, "a stand-in is never taken for the command's own recording")
    }

    /// `evlog install --simulate --profile fedora|macos-arm|alpine|arch --yes ripgrep jq` on the default set:
    /// macOS from documented outputs of each install, the others with a documented install standing in for
    /// the batch (and documented index refreshes before it).
    @Test(arguments: [("fedora", "playing the documented output of `dnf install -y ripgrep` in its place"),
                      ("macos-arm", "output composed from 2 recordings, in this order: `brew install ripgrep`, `brew install jq`"),
                      ("alpine", "playing the documented output of `apk add --wait 600 ripgrep` in its place"),
                      ("arch", "playing the documented output of `pacman -S --noconfirm --needed sudo binutils fakeroot` in its place")])
    func ripgrepAndJqRunToDoneOnDocumentedOutputs(profile name: String, says note: String) async throws {
        let profile = try #require(NamedProfiles.named(name))
        let catalog = try Catalog.bundled()
        let plan = try Resolver(catalog: catalog).resolve(tools: ["ripgrep", "jq"], profile: profile, planID: PlanID("p-\(name)"))
        let (store, status) = try await SimulationHarness(plan: plan, fixtures: try RepositoryFixtures.set("default")).run()
        #expect(status == .done)
        let events = try store.events()
        let packagesStep = try #require(plan.steps.first { if case .packages = $0.action { true } else { false } })
        #expect(StandInRecordingTests.output(of: events, step: packagesStep.id).contains(note))
    }
}
