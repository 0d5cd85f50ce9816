import InstallModel
import Orchestrator
import Simulator
import Testing

/// A pipx step reproduces whatever venv it found: none, a whole one (the user's), or a half-made one (an install
/// killed while pipx made it), which the step makes again with `pipx install --force` — so a plan interrupted
/// during a pipx install and resumed reproduces its second session too.
@Suite("reproduction of a pipx step and the venv it found")
struct PipxVenvReproductionTests {
    enum Venv: CaseIterable { case none, whole, halfMade }

    static func originalRun(finding venv: Venv) async throws -> [Event] {
        let plan = Plan(
            id: PlanID("p-pipx"), tools: ["black"], profile: Samples.profile,
            steps: [Step(id: "pipx-black", label: "Install black with pipx", action: .tool(ToolParameters(installer: .pipx, package: "black")))])
        let fixtures = FixtureSet(name: "pipx", fixtures: [
            Samples.fixture("pipx install -- black", Samples.response("  installed package black 24.10.0\n")),
            Samples.fixture("pipx install --force -- black", Samples.response("Installing to existing venv 'black'\n")),
        ])
        let venvs = PlanEnvironment.simulated.userHome + "/.local/share/pipx/venvs/black"
        var files: [String: [UInt8]] = [:]
        if venv != .none { files[venvs + "/pyvenv.cfg"] = [] }
        if venv == .whole { files[venvs + "/pipx_metadata.json"] = Array("{}".utf8) }
        var harness = SimulationHarness(plan: plan, fixtures: fixtures)
        let found = files
        harness.makeFileSystem = { SimulatedFileSystem(files: found) }
        let (store, status) = try await harness.run()
        #expect(status == .done)
        return try store.events()
    }

    @Test(arguments: Venv.allCases)
    func aPipxStepReproducesWhateverVenvItFound(_ venv: Venv) async throws {
        let events = try await PipxVenvReproductionTests.originalRun(finding: venv)
        let ran = events.compactMap { if case .commandStarted(_, let argv, _) = $0.body { SimulatedRunner.commandLine(argv) } else { nil } }
        #expect(ran == [venv == .halfMade ? "pipx install --force -- black" : "pipx install -- black"])
        let (compared, outline) = try await ReproductionTests.reproduce(events)
        #expect(outline.halfMadeVenvs.values.sorted() == (venv == .halfMade ? ["black"] : []))
        #expect(compared > 0)
    }
}
