import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `kill -9` of `evlog run` while its child is quiet keeps what the child printed: the writer's flush
/// timer writes a block within FORMAT.md §3.3's 200 ms even when no more output comes.
@Suite(.serialized) struct HostileQuietStepTests {
    @Test(arguments: [0.3, 1.5, 10.0])
    func killNineAfterAQuietChildPrintedKeepsItsLine(secondsAfterPrinting: Double) async throws {
        try #require(ProcessTable.isAvailable, "needs Linux /proc to find evlog's child")
        let home = try EvlogHome.make()
        defer { home.remove() }
        let marker = "quiet-line-\(Int(secondsAfterPrinting * 10))"
        let evlog = try ChildProcess(
            [EvlogBinary.path, "run", "--home", home.path, "--no-color", "--",
             "sh", "-c", "printf '%s\\n' \(marker); exec sleep 30"],
            environment: Evlog.testEnvironment())
        // The child has printed once it has exec'd `sleep`; time is counted from there.
        let printed = await Machine.waitFor(timeoutSeconds: 60) {
            ProcessTable.descendants(of: evlog.pid).contains { ProcessTable.commandLine(of: $0) == ["sleep", "30"] }
        }
        try await Task.sleep(for: .milliseconds(Int(secondsAfterPrinting * 1000)))
        let children = ProcessTable.descendants(of: evlog.pid)
        evlog.send(SIGKILL)
        _ = await evlog.wait()
        ProcessTable.killAll(children)
        #expect(printed, "the child never reached `sleep 30`")

        guard let plan = home.onlyPlan() else { return }
        let log = try await home.export(plan)
        #expect(log.events("command_started", step: "run").count == 1, "command_started lost: \(log.text)")
        let text = log.events("output_chunk", step: "run").compactMap { $0.fields["text"] as? String }.joined()
        #expect(text.contains(marker), "the quiet child's line was lost \(secondsAfterPrinting) s after it was printed: \(log.text)")
    }

    /// Runs `script` under `evlog run`, waits until its child has printed and reached `quietCommand` (a
    /// `sleep 60`: the child stays quiet far longer than the wait below), then until the live log (read by
    /// `evlog export` while evlog writes) holds `shown` in the run step's output, kills evlog with SIGKILL and
    /// returns the run step's recorded output text. Nothing is timed: a loaded machine only waits longer,
    /// and held bytes the quiet-step flush never writes are missing after 30 s, long before the child ends.
    static func outputAfterKillNine(_ script: String, quietCommand: [String], shown: String) async throws -> String {
        try #require(ProcessTable.isAvailable, "needs Linux /proc to find evlog's child")
        let home = try EvlogHome.make()
        defer { home.remove() }
        let evlog = try ChildProcess([EvlogBinary.path, "run", "--home", home.path, "--no-color", "--", "sh", "-c", script],
                                     environment: Evlog.testEnvironment())
        let quiet = await Machine.waitFor(timeoutSeconds: 60) {
            ProcessTable.descendants(of: evlog.pid).contains { ProcessTable.commandLine(of: $0) == quietCommand }
        }
        let deadline = Date().addingTimeInterval(30)
        var flushed = false
        while quiet, !flushed, Date() < deadline {
            if let plan = home.onlyPlan(), let live = try? await home.export(plan) {
                flushed = live.events("output_chunk", step: "run").compactMap { $0.fields["text"] as? String }.joined().contains(shown)
            }
            if !flushed { try await Task.sleep(for: .milliseconds(250)) }
        }
        let children = ProcessTable.descendants(of: evlog.pid)
        evlog.send(SIGKILL)
        _ = await evlog.wait()
        ProcessTable.killAll(children)
        #expect(quiet, "the child never reached \(quietCommand)")
        #expect(flushed, "the quiet child's held bytes were not written within 30 s")
        let plan = try #require(home.onlyPlan())
        let log = try await home.export(plan)
        return log.events("output_chunk", step: "run").compactMap { $0.fields["text"] as? String }.joined()
    }

    @Test func anUnfinishedWordOfAQuietChildReachesTheLog() async throws {
        let text = try await Self.outputAfterKillNine("printf 'word-without-newline'; exec sleep 60",
                                                         quietCommand: ["sleep", "60"], shown: "word-without-newline")
        #expect(text.contains("word-without-newline"), "held bytes lost: \(text)")
    }

    @Test func anUnfinishedSecretOfAQuietChildReachesTheLogRedacted() async throws {
        let text = try await Self.outputAfterKillNine("printf 'token=Qz81Lw0pHarbor'; exec sleep 60",
                                                         quietCommand: ["sleep", "60"], shown: "token=")
        #expect(text.contains("token="), "held bytes lost: \(text)")
        #expect(!text.contains("Qz81") && !text.contains("Harbor"), "secret stored: \(text)")
    }

    @Test func aSecretValueGoingOnAfterAQuietPauseStaysRedacted() async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        let ran = try await Evlog.run(["run", "--home", home.path, "--no-color", "--", "sh", "-c",
                                       "printf 'password=Kx7Vb'; sleep 1; printf 'Mn4Rt more\\n'; printf -- '--password '; sleep 1; printf 'Jq2Wd\\n'"])
        #expect(ran.exitCode == 0, "\(ran.allOutput)")
        let plan = try #require(home.onlyPlan())
        // The script itself names the pieces (its argv is a command line, redacted by its own rules): only output counts.
        let text = try await home.export(plan).events("output_chunk", step: "run").compactMap { $0.fields["text"] as? String }.joined()
        for piece in ["Kx7Vb", "Mn4Rt", "Jq2Wd"] { #expect(!text.contains(piece), "\(piece) stored: \(text)") }
        #expect(text.contains("more"), "\(text)")
    }
}
