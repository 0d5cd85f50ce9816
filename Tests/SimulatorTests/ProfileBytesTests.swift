import Foundation
import InstallModel
import Orchestrator
import Simulator
import Testing

/// repro22 #5: a shell profile (or a file a `config` step appends to) is edited as bytes: every byte outside evlog's
/// block stays as it was, whatever the file's encoding (a Latin-1 `~/.bashrc` came back with U+FFFD for each byte
/// that is no UTF-8), and removing the block gives back the file byte for byte.
@Suite struct ProfileBytesTests {
    static let profileFile = PlanEnvironment.simulated.userHome + "/.bashrc"

    /// Generated profiles: every byte value, Latin-1 words, CRLF lines, with and without a final newline.
    @Test(arguments: 0..<24)
    func aProfileKeepsItsBytesThroughTheBlockAndItsRemoval(seed: Int) async throws {
        var random = SplitMix64(seed: UInt64(seed))
        let before = Self.profile(&random, seed: seed)
        let files = SimulatedFileSystem(files: [Self.profileFile: before])
        let added = Plan(id: PlanID("p-000000000b01"), tools: [], profile: Samples.profile,
                         steps: [Step(id: "shell-path", label: "PATH", action: .shellConfig(ShellConfigParameters(shell: .bash, pathEntries: ["/opt/é/bin"])))],
                         simulation: Simulation(fixtureSet: Simulation.syntheticSet, seed: 1))
        var harness = SimulationHarness(plan: added, fixtures: FixtureSet(name: "unused", fixtures: []))
        harness.makeFileSystem = { files }
        #expect(try await harness.run().1 == .done)
        let after = try #require(try files.read(Self.profileFile))
        let separator: [UInt8] = before.isEmpty || before.last == 0x0A ? [] : [0x0A]
        #expect(Array(after.prefix(before.count)) == before, "the bytes before the block changed")
        let block = String(decoding: after.dropFirst(before.count + separator.count), as: UTF8.self)
        #expect(block.contains("export PATH=\"/opt/é/bin:$PATH\""), "\(block)")

        let removal = Plan(id: PlanID("p-000000000b02"), tools: [], profile: Samples.profile,
                           steps: [Step(id: "shell-path-removal", label: "PATH", action: .shellConfig(ShellConfigParameters(
                               shell: .bash, pathEntries: ["/opt/é/bin"], removeBlock: true, blockPlan: added.id)))],
                           simulation: Simulation(fixtureSet: Simulation.syntheticSet, seed: 1))
        harness = SimulationHarness(plan: removal, fixtures: FixtureSet(name: "unused", fixtures: []))
        harness.makeFileSystem = { files }
        #expect(try await harness.run().1 == .done)
        #expect(try files.read(Self.profileFile) == before + separator, "removing the block did not give the file back")
    }

    /// A `config` append keeps the bytes it appends to.
    @Test func aConfigAppendKeepsTheFilesBytes() async throws {
        let path = PlanEnvironment.simulated.userHome + "/.toolrc"
        let before: [UInt8] = Array("# Caf".utf8) + [0xE9, 0x0A] + Array("GREETING=\"Gr".utf8) + [0xFC, 0xDF] + Array("e\"\n".utf8)
        let files = SimulatedFileSystem(files: [path: before])
        let plan = Plan(id: PlanID("p-000000000b03"), tools: [], profile: Samples.profile,
                        steps: [Step(id: "config", label: "append", action: .config(ConfigParameters(path: path, action: .append, content: "x=ü\n")))],
                        simulation: Simulation(fixtureSet: Simulation.syntheticSet, seed: 1))
        var harness = SimulationHarness(plan: plan, fixtures: FixtureSet(name: "unused", fixtures: []))
        harness.makeFileSystem = { files }
        #expect(try await harness.run().1 == .done)
        #expect(try files.read(path) == before + Array("x=ü\n".utf8))
    }

    static func profile(_ random: inout SplitMix64, seed: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        for _ in 0..<Int.random(in: 0...12, using: &random) {
            let line: [UInt8] = switch Int.random(in: 0..<3, using: &random) {
            case 0: (0..<Int.random(in: 0...40, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }.filter { $0 != 0x0A }
            case 1: Array("export GREETING=\"Gr".utf8) + [0xFC, 0xDF] + Array("e\"".utf8)
            default: Array("alias ll='ls -l'".utf8) + [0x0D]
            }
            bytes += line + [0x0A]
        }
        if seed % 2 == 1, !bytes.isEmpty { bytes.removeLast() }
        return bytes
    }
}
