import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Bad input exits 2 with a message saying what to do; Ctrl-C exits 130 and leaves no process behind.
@Suite("exit codes and bad input")
struct ExitCodeTests {
    @Test func unknownToolExitsTwoAndSuggestsTheClosestName() async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        let outcome = try await Evlog.run(["install", "--yes", "--home", home.path, "ripgrp"])
        #expect(outcome.exitCode == 2, "\(outcome.allOutput)")
        #expect(outcome.stderr.contains("unknown tool 'ripgrp'"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("did you mean 'ripgrep'"), "\(outcome.stderr)")
        #expect(home.planIDs.isEmpty)
    }

    @Test func statusOfAPlanThatDoesNotExistExitsTwo() async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        let outcome = try await Evlog.run(["status", "no-such-plan", "--home", home.path])
        #expect(outcome.exitCode == 2, "\(outcome.allOutput)")
        #expect(outcome.stderr.contains("no-such-plan"), "\(outcome.stderr)")
    }

    @Test func verifyOfAFileThatIsNotALogExitsTwo() async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        let file = home.path + "/notes.txt"
        try Data("hello, not a log\n".utf8).write(to: URL(fileURLWithPath: file))
        let outcome = try await Evlog.run(["verify", file])
        #expect(outcome.exitCode == 2, "\(outcome.allOutput)")
        #expect(outcome.stderr.contains("not an evlog log"), "\(outcome.stderr)")
    }

    @Test func installWithoutYesRefusesWhenStandardInputIsNotATerminal() async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        // Standard input is /dev/null: nobody can answer the confirmation prompt.
        let outcome = try await Evlog.run(["install", "--home", home.path, "ripgrep"])
        #expect(outcome.exitCode == 2, "\(outcome.allOutput)")
        #expect(outcome.stderr.contains("--yes"), "\(outcome.stderr)")
        #expect(home.planIDs.isEmpty, "a refused install must not start a plan")
    }

    @Test func sigintStopsARunningCommandExitsWith130AndLeavesNoChildBehind() async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        let child = try ChildProcess(
            [EvlogBinary.path, "run", "--no-color", "--home", home.path, "--", "sleep", "30"],
            environment: Evlog.testEnvironment(), workingDirectory: home.path, mergeStandardError: true)
        var sleeper: Int32?
        // Generous: before it runs the command, `evlog run` probes the system (pip, npm, cargo…), which
        // takes seconds on a machine busy with the rest of `swift test`.
        let started = await Machine.waitFor(timeoutSeconds: 120) {
            // Below evlog's launcher (ParentDeathLauncher), which owns the command's process tree.
            sleeper = Set(ProcessTable.descendants(of: child.pid)).intersection(ProcessTable.running(["sleep", "30"])).first
            return sleeper != nil
        }
        guard started, let sleeper else {
            child.send(SIGKILL)
            let output = await child.wait(timeoutSeconds: 5).stdout
            Issue.record("evlog run never started `sleep 30`: \(output)")
            return
        }
        defer { if Machine.isAlive(sleeper) { kill(sleeper, SIGKILL) } }
        let masks = Machine.signalMasks(of: child.pid)
        child.send(SIGINT)
        let outcome = await child.wait(timeoutSeconds: 60)
        #expect(!outcome.timedOut, "evlog kept running after SIGINT (its signal masks: \(masks))")
        #expect(outcome.exitCode == 130, "\(outcome.stdout)")
        let sleeperGone = await Machine.waitFor(timeoutSeconds: 10) { !Machine.isAlive(sleeper) }
        #expect(sleeperGone, "sleep (pid \(sleeper)) outlived evlog")

        let plan = try #require(home.onlyPlan())
        let status = try await home.status(plan)
        #expect(status["status"] as? String == "interrupted", "\(status)")
        #expect((status["uncertain"] as? [String]) == ["run"], "\(status)")
        #expect(try await home.export(plan).events("plan_interrupted").count == 1)
    }
}
