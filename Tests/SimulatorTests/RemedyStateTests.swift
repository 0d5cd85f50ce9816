import InstallModel
import Orchestrator
import Simulator
import Testing

/// The simulated system follows what remediations did: a fix changes what later commands print.
@Suite("remedies follow the simulated state")
struct RemedyStateTests {
    static let install = "apt-get install -y -o DPkg::Lock::Timeout=600 ripgrep"

    static func play(_ line: String, on runner: SimulatedRunner) async -> Int32 {
        await runner.run(CommandSpec(argv: line.split(separator: " ").map(String.init), environment: [:], timeoutSeconds: 600), io: RecordingIO()).exitCode
    }

    @Test func theInstallFailsUntilTheFixHasRun() async throws {
        let runner = SimulatedRunner(fixtures: try RepositoryFixtures.set("dpkg-interrupted"))
        #expect(await RemedyStateTests.play(RemedyStateTests.install, on: runner) == 100)
        #expect(await RemedyStateTests.play(RemedyStateTests.install, on: runner) == 100, "a plain retry meets the same broken dpkg")
        #expect(await RemedyStateTests.play("dpkg --configure -a", on: runner) == 0)
        #expect(await RemedyStateTests.play(RemedyStateTests.install, on: runner) == 0)
    }

    @Test func aLaterProcessSeesTheFixTheLogRecords() async throws {
        let history = [
            Event(sequence: 1, time: Timestamp(microseconds: 0), body: .commandStarted(step: "fix", argv: ["sudo", "-S", "-k", "-p", "", "--", "dpkg", "--configure", "-a"])),
            Event(sequence: 2, time: Timestamp(microseconds: 1), body: .commandFinished(step: "fix", exitCode: 0)),
        ]
        let succeeded = SimulatedRunner.commandsThatSucceeded(in: history)
        #expect(succeeded == ["dpkg --configure -a"])
        let runner = SimulatedRunner(fixtures: try RepositoryFixtures.set("dpkg-interrupted"), succeeded: succeeded)
        #expect(await RemedyStateTests.play(RemedyStateTests.install, on: runner) == 0)
    }
}
