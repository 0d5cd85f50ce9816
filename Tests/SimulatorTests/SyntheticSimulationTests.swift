import Catalog
import Foundation
import InstallModel
import Orchestrator
import Simulator
import Testing

/// `--simulate=synthetic`: any catalog plan on any profile, through the real executors, without recordings.
@Suite("synthetic simulation")
struct SyntheticSimulationTests {
    static let fiveTools = ["ripgrep", "jq", "git", "curl", "htop"]

    @Test(arguments: NamedProfiles.all.filter { !$0.packageManagers.filter(\.isSystem).isEmpty && $0.canBecomeRoot }.map(\.name))
    func aFiveToolPlanRunsToDoneOnEveryProfile(profileName: String) async throws {
        let profile = try #require(NamedProfiles.named(profileName))
        let plan = try #require(CatalogPlans.resolve(SyntheticSimulationTests.fiveTools, on: profile, seed: 7), "\(profileName)")
        let (store, status) = try await CatalogPlans.uncrashed(try CatalogPlans.harness(plan))
        #expect(status == .done, "\(profileName)")
        let state = PlanState.fold(try store.events())
        #expect(state.steps.allSatisfy { $0.status == .done }, "\(profileName): \(state.steps.filter { $0.status != .done }.map(\.id))")
    }

    @Test func thePlanSaysItIsSyntheticAndTheEncodingKeepsItsFaults() throws {
        let simulation = Simulation(fixtureSet: Simulation.syntheticSet, seed: 3, faults: [StepFault(step: "verify-jq", effect: .hang)])
        #expect(simulation.isSynthetic)
        #expect(simulation.summary.contains("synthetic"))
        #expect(simulation.summary.contains("verify-jq=hang"))
        let decoded = try JSONDecoder().decode(Simulation.self, from: try JSONEncoder().encode(simulation))
        #expect(decoded == simulation)
    }

    @Test func aSimulationWithoutFaultsEncodesAsBeforeFaultsExisted() throws {
        let old = Data(#"{"fixtureSet":"default","seed":5}"#.utf8)
        let decoded = try JSONDecoder().decode(Simulation.self, from: old)
        #expect(decoded == Simulation(fixtureSet: "default", seed: 5))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]  // as event payloads are encoded
        #expect(String(decoding: try encoder.encode(decoded), as: UTF8.self) == #"{"fixtureSet":"default","seed":5}"#)
    }

    @Test func installedChecksSayNoAndChecksumsMatchWhatTheStepPins() async throws {
        let step = Step(
            id: "download-x", label: "Download x",
            action: .download(DownloadParameters(url: "https://example.invalid/x.tar.gz", destination: "/tmp/x.tar.gz", sha256: "ABC123")))
        let runner = SyntheticRunner(step: step, seed: 1)
        let io = RecordingIO()
        let check = await runner.run(CommandSpec(argv: ["rpm", "-q", "ripgrep"], environment: [:], timeoutSeconds: 60), io: io)
        #expect(check.termination == .exited(1))
        let digest = await runner.run(CommandSpec(argv: ["sha256sum", "/tmp/x.tar.gz"], environment: [:], timeoutSeconds: 60), io: io)
        #expect(digest.succeeded)
        #expect(io.text == "abc123  /tmp/x.tar.gz\n")
        #expect(io.elapsedMicros >= 20_000)
    }

    @Test func aVerifyStepGetsALineItsVersionPatternMatches() async throws {
        let step = Step(id: "verify-tf", label: "Check terraform",
                        action: .verify(VerifyParameters(binary: "terraform", arguments: ["version"], versionPattern: #"Terraform v\d+\.\d+"#)))
        let io = RecordingIO()
        let result = await SyntheticRunner(step: step, seed: 1).run(CommandSpec(argv: ["terraform", "version"], environment: [:], timeoutSeconds: 60), io: io)
        #expect(result.succeeded)
        #expect(io.text == "Terraform v1.1\n")
    }

    @Test(arguments: [
        (#"(?m)^(\x1b\[1m)?Apache Maven \d+\.\d+"#, "Apache Maven 1.1"),
        (#"(?m)^SCons by Steven Knight|(?m)^\s*SCons: v\d+\.\d+"#, "SCons by Steven Knight"),
        (#"(?i:version) \x31\.\d+"#, "version 1.1"),
    ])
    func versionPatternsWithInlineOptionsAndHexEscapesGetALine(pattern: String, example: String) async {
        let step = Step(id: "verify-x", label: "Check x", action: .verify(VerifyParameters(binary: "x", arguments: ["--version"], versionPattern: pattern)))
        let io = RecordingIO()
        _ = await SyntheticRunner(step: step, seed: 1).run(CommandSpec(argv: ["x", "--version"], environment: [:], timeoutSeconds: 60), io: io)
        #expect(io.text == example + "\n")
    }

    /// Every tool of the catalog, on its own, runs to done on these profiles: release archives, checksum
    /// files, repositories, language packages and verify patterns included.
    @Test(arguments: ["ubuntu-server", "fedora", "alpine-rootless", "macos-arm"])
    func everyCatalogToolRunsToDoneOnItsOwn(profileName: String) async throws {
        let profile = try #require(NamedProfiles.named(profileName))
        let tools = try #require(CatalogPlans.resolvable[profileName])
        #expect(tools.count > 100, "\(profileName): \(tools.count) tools resolve")
        var failed: [String] = []
        for (index, tool) in tools.enumerated() {
            let plan = try #require(CatalogPlans.resolve([tool], on: profile, seed: UInt64(index)))
            let (store, status) = try await CatalogPlans.uncrashed(try CatalogPlans.harness(plan))
            guard status != .done else { continue }
            let state = PlanState.fold(try store.events())
            failed.append("\(tool): \(state.steps.filter { $0.status != .done }.map(\.id.rawValue))")
        }
        #expect(failed.isEmpty, "\(profileName): \(failed.count) tools did not end done: \(failed.prefix(10))")
    }

    @Test func aReleaseCheckedByItsChecksumFileUnpacksWhatTheRecipeNames() async throws {
        let release = GitHubReleaseParameters(
            repository: "example/tool", version: "1.2.3", assetURL: "https://example.invalid/example/tool/tool-1.2.3-linux.tar.gz",
            sha256: nil, checksumFileURL: "https://example.invalid/example/tool/SHA256SUMS", binaryInArchive: "tool-1.2.3/bin/tool",
            installDirectory: "/usr/local/bin")
        let plan = Plan(id: PlanID("p-release"), tools: [], profile: Samples.profile,
                        steps: [Step(id: "release-tool", label: "Download tool", action: .githubRelease(release))],
                        simulation: Simulation(fixtureSet: Simulation.syntheticSet, seed: 1))
        let (store, status) = try await CatalogPlans.uncrashed(try CatalogPlans.harness(plan))
        #expect(status == .done)
        let said = try store.events().compactMap { event -> String? in
            guard case .outputChunk(_, _, let data, _) = event.body else { return nil }
            return String(decoding: data, as: UTF8.self)
        }.joined()
        #expect(said.contains("SHA256SUMS publishes sha256 \(SyntheticRunner.publishedDigest(of: "tool-1.2.3-linux.tar.gz"))"), "\(said)")
    }

    @Test func theSameSeedGivesTheSameSyntheticLog() async throws {
        let profile = try #require(NamedProfiles.named("fedora"))
        let plan = try #require(CatalogPlans.resolve(["ripgrep", "jq", "docker"], on: profile, seed: 11))
        let first = try await CatalogPlans.uncrashed(try CatalogPlans.harness(plan)).store.records
        let second = try await CatalogPlans.uncrashed(try CatalogPlans.harness(plan)).store.records
        #expect(first == second)
    }

    @Test func fileStepsWriteOnlyIntoTheSimulatedFileSystem() async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("evlog-synthetic-\(getpid())").path
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let steps = [
            Step(id: "config-rc", label: "rc", action: .config(ConfigParameters(path: home + "/.ripgreprc", action: .ensureLine, content: "--smart-case"))),
            Step(id: "shell-path", label: "PATH", action: .shellConfig(ShellConfigParameters(shell: .bash, pathEntries: [home + "/bin"]))),
        ]
        let plan = Plan(id: PlanID("p-files"), tools: [], profile: Samples.profile, steps: steps,
                        simulation: Simulation(fixtureSet: Simulation.syntheticSet, seed: 1))
        var harness = SimulationHarness(plan: plan, fixtures: FixtureSet(name: "unused", fixtures: []))
        let system = try SimulatedSystem(plan: plan, fixtures: nil, failureSamples: FailureSamples(samples: []))
        harness.makeSystem = { system }
        let (_, status) = try await harness.run()
        #expect(status == .done)
        #expect(try system.fileSystem.read(home + "/.ripgreprc").map { String(decoding: $0, as: UTF8.self) } == "--smart-case\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: home).isEmpty)
    }
}

/// A `StepIO` that keeps what a command printed and how much virtual time it took.
final class RecordingIO: StepIO, @unchecked Sendable {
    private(set) var text = ""
    private(set) var elapsedMicros: Int64 = 0
    func emit(_ stream: OutputChannel, _ bytes: [UInt8]) { text += String(decoding: bytes, as: UTF8.self) }
    func elapse(microseconds: Int64) { elapsedMicros += microseconds }
    func commandStarted(_ argv: [String], process: ProcessIdentity?) {}
    func commandFinished(_ result: CommandResult) {}
    func pause(microseconds: Int64) async { elapsedMicros += microseconds }
}
