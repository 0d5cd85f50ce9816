import InstallModel
import Orchestrator
import Simulator
import Testing

/// A real apt step's change of the machine's packages reproduces: the reproduction's machine has the packages
/// the log shows the step found and left, so the step says again what it said (truth10 F10: a real install
/// that upgraded a package differed at "upgraded by this install", with no reason given).
@Suite("reproduction of an apt step's package change")
struct AptChangeReproductionTests {
    /// What one generated apt transaction finds and does: packages it leaves alone, upgrades, removes, adds
    /// (some of which had only configuration left), and what another apt run installed meanwhile.
    struct Scenario: Sendable {
        var untouched: [String: String] = [:]
        var upgraded: [PackageUpgrade] = []
        var removed: [String] = []
        var added: [String] = []
        var hadConfig: [String] = []
        var byOthers: [String] = []
        /// apt's history cannot be read (its change is then the before/after difference).
        var historyUnreadable = false
        var exitCode: Int32 = 0

        init(seed: UInt64) {
            var generator = SplitMix64(seed: seed)
            for index in 0..<Int(generator.next() % 12) + 1 {
                let name = "lib\(index)-\(generator.next() % 100)"
                switch generator.next() % 5 {
                case 0: untouched[name] = "1.\(index)"
                case 1: upgraded.append(PackageUpgrade(package: name, from: "1.\(index)-1", to: "1.\(index)-1+deb12u\(generator.next() % 9 + 1)"))
                case 2: removed.append(name)
                case 3:
                    added.append(name)
                    if generator.next() % 3 == 0 { hadConfig.append(name) }
                default: byOthers.append(name)
                }
            }
            historyUnreadable = generator.next() % 4 == 0
            exitCode = generator.next() % 3 == 0 ? 100 : 0
        }

        func status(after: Bool) -> [UInt8] {
            var packages = untouched.mapValues { "install ok installed\nVersion: \($0)" }
            for upgrade in upgraded { packages[upgrade.package] = "install ok installed\nVersion: " + (after ? upgrade.to : upgrade.from) }
            for name in hadConfig { packages[name] = "deinstall ok config-files" }
            for name in after ? added + byOthers : removed { packages[name] = "install ok installed\nVersion: 2.0" }
            return Array(packages.sorted { $0.key < $1.key }.map { "Package: \($0.key)\nStatus: \($0.value)\n" }.joined(separator: "\n").utf8)
        }

        func history(_ commandLine: String) -> [UInt8] {
            var entry = "Start-Date: 2026-12-06  10:00:00\nCommandline: \(commandLine)\n"
            if !added.isEmpty { entry += "Install: " + added.map { "\($0):amd64 (2.0, automatic)" }.joined(separator: ", ") + "\n" }
            if !upgraded.isEmpty { entry += "Upgrade: " + upgraded.map { "\($0.package):amd64 (\($0.from), \($0.to))" }.joined(separator: ", ") + "\n" }
            var others = ""
            if !byOthers.isEmpty { others = "Start-Date: x\nCommandline: apt-get install other\nInstall: " + byOthers.map { "\($0) (2.0)" }.joined(separator: ", ") + "\n\n" }
            return Array((others + entry + "End-Date: 2026-12-06  10:00:05\n\n").utf8)
        }
    }

    /// The simulated machine of the original run: its apt install leaves the scenario's packages and history.
    struct ChangingRunner: CommandRunner {
        let inner: any CommandRunner
        let fileSystem: SimulatedFileSystem
        let scenario: Scenario

        func run(_ command: CommandSpec, io: any StepIO) async -> CommandResult {
            let result = await inner.run(command, io: io)
            let words = SimulatedRunner.command(command.argv)
            if words.starts(with: ["apt-get", "install"]) {
                try? fileSystem.writeAtomically(AptFiles.dpkgStatus, contents: scenario.status(after: true), mode: nil)
                if !scenario.historyUnreadable {
                    let before = (try? fileSystem.read(AptFiles.history)) ?? nil
                    try? fileSystem.writeAtomically(AptFiles.history, contents: (before ?? []) + scenario.history(words.joined(separator: " ")), mode: nil)
                }
            }
            return result
        }
    }

    static func originalRun(_ scenario: Scenario) async throws -> [Event] {
        let plan = Plan(
            id: PlanID("p-apt"), tools: ["jq"], profile: Samples.profile,
            steps: [
                Step(id: "apt-packages", label: "Install jq with apt", action: .packages(PackagesParameters(manager: .apt, packages: ["jq"])), needsRoot: true),
                Step(id: "verify-jq", label: "Check jq", action: .verify(VerifyParameters(binary: "jq")), dependsOn: ["apt-packages"]),
            ])
        let fixtures = FixtureSet(name: "apt", fixtures: [
            Samples.fixture("dpkg-query -W -f=${Status} *", Samples.response("dpkg-query: no packages found\n", exit: 1, stream: .stderr)),
            Samples.fixture("apt-get install -y -o DPkg::Lock::Timeout=600 *", Samples.response("Setting up jq ...\n", exit: scenario.exitCode)),
            Samples.fixture("jq --version", Samples.response("jq-1.6\n")),
        ])
        var files = [AptFiles.dpkgStatus: scenario.status(after: false)]
        if !scenario.historyUnreadable { files[AptFiles.history] = Array("Start-Date: old\nCommandline: apt-get install older\n\n".utf8) }
        let fileSystem = SimulatedFileSystem(files: files)
        var host = PlanHost.simulated(fixtures: fixtures, start: SimulationHarness.start, fileSystem: fileSystem)
        host.runner = ChangingRunner(inner: host.runner, fileSystem: fileSystem, scenario: scenario)
        let store = MemoryEventStore()
        let session = PlanSession(
            store: store, state: PlanState(), host: host, settings: .init(run: RunSettings(jobs: 4), analyser: LastLinesAnalyser()))
        _ = try await session.start(plan)
        return try store.events()
    }

    @Test(arguments: 1...24 as ClosedRange<UInt64>)
    func aStepThatUpgradedRemovedOrAddedPackagesReproduces(seed: UInt64) async throws {
        let scenario = Scenario(seed: seed)
        let events = try await AptChangeReproductionTests.originalRun(scenario)
        // The original said and recorded what the scenario did: the run this test reproduces is the one it means.
        let recorded = events.compactMap { if case .packageSetChanged(_, let change) = $0.body { change } else { nil } }
        let changed = !(scenario.upgraded.isEmpty && scenario.removed.isEmpty && scenario.added.isEmpty && scenario.byOthers.isEmpty)
        #expect(recorded.map(\.upgraded) == (changed ? [scenario.upgraded.sorted { $0.package < $1.package }] : []))
        #expect(recorded.map(\.byDifference) == (changed ? [scenario.historyUnreadable] : []))
        let said = events.compactMap { if case .outputChunk(_, _, let data, _) = $0.body { String(decoding: data, as: UTF8.self) } else { nil } }.joined()
        #expect(said.contains("upgraded by this install") == !scenario.upgraded.isEmpty)
        let (compared, outline) = try await ReproductionTests.reproduce(events)
        #expect(outline.packageChanges.count == recorded.count)
        #expect(compared > 0)
    }
}
