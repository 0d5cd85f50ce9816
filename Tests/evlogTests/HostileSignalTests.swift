import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// No command outlives evlog: a signal that would end evlog stops the commands' process groups and is
/// recorded as `plan_interrupted`; `kill -9` of evlog kills its command through the parent-death signal.
@Suite(.serialized) struct HostileSignalTests {
    /// `sleep` with an argument no other process uses, so the test finds exactly its own.
    static func uniqueSleep() -> [String] { ["sleep", String(7_000 + Int.random(in: 0..<90_000))] }

    @Test(arguments: [SIGHUP, SIGTERM, SIGINT, SIGQUIT])
    func signalStopsTheWholeCommandTreeAndIsRecorded(signal: Int32) async throws {
        try #require(ProcessTable.isAvailable, "needs Linux /proc to see the command's processes")
        let home = try EvlogHome.make()
        defer { home.remove() }
        let (background, foreground) = (Self.uniqueSleep(), Self.uniqueSleep())
        let script = "\(background.joined(separator: " ")) & exec \(foreground.joined(separator: " "))"
        let evlog = try ChildProcess([EvlogBinary.path, "run", "--home", home.path, "--no-color", "--", "sh", "-c", script],
                                     environment: Evlog.testEnvironment())
        let started = await Machine.waitFor(timeoutSeconds: 60) {
            !ProcessTable.running(background).isEmpty && !ProcessTable.running(foreground).isEmpty
        }
        try #require(started, "the command tree never started")
        evlog.send(signal)
        let outcome = await evlog.wait(timeoutSeconds: 30)
        // The group gets SIGTERM, then SIGKILL after SubprocessRunner.terminateGraceSeconds.
        let gone = await Machine.waitFor(timeoutSeconds: 10) {
            ProcessTable.running(background).isEmpty && ProcessTable.running(foreground).isEmpty
        }
        ProcessTable.killAll(ProcessTable.running(background) + ProcessTable.running(foreground))
        #expect(gone, "signal \(signal) left the command running after evlog exited")
        #expect(outcome.exitCode == 130, "exit \(outcome.exitCode): \(outcome.stderr)")
        guard let plan = home.onlyPlan() else { return }
        let interrupted = try await home.export(plan).events("plan_interrupted")
        let name = try #require(interrupted.first?.line, "no plan_interrupted recorded")
        #expect(name.contains(Self.signalName(signal)), "\(name)")
    }

    @Test func killNineOfEvlogKillsItsCommand() async throws {
        try #require(ProcessTable.isAvailable, "needs Linux /proc and PR_SET_PDEATHSIG")
        let home = try EvlogHome.make()
        defer { home.remove() }
        let sleeper = Self.uniqueSleep()
        let evlog = try ChildProcess([EvlogBinary.path, "run", "--home", home.path, "--no-color", "--"] + sleeper,
                                     environment: Evlog.testEnvironment())
        let started = await Machine.waitFor(timeoutSeconds: 60) { !ProcessTable.running(sleeper).isEmpty }
        try #require(started, "the command never started")
        evlog.send(SIGKILL)
        _ = await evlog.wait()
        let gone = await Machine.waitFor(timeoutSeconds: 5) { ProcessTable.running(sleeper).isEmpty }
        ProcessTable.killAll(ProcessTable.running(sleeper))
        #expect(gone, "kill -9 of evlog left \(sleeper.joined(separator: " ")) running")
    }

    @Test func readerGoingAwayStopsTheCommandAsSIGPIPE() async throws {
        try #require(ProcessTable.isAvailable, "needs Linux /proc to see the command's processes")
        let home = try EvlogHome.make()
        defer { home.remove() }
        let sleeper = Self.uniqueSleep()
        // `head -1` exits after evlog's first line; evlog's next write finds the pipe closed.
        let script = "while :; do echo tick; sleep 0.05; done & exec \(sleeper.joined(separator: " "))"
        let pipeline = "'\(EvlogBinary.path)' run --home '\(home.path)' --no-color -- sh -c '\(script)' | head -1"
        let outcome = try await ChildProcess.run(["sh", "-c", pipeline], environment: Evlog.testEnvironment(), timeoutSeconds: 60)
        let gone = await Machine.waitFor(timeoutSeconds: 10) { ProcessTable.running(sleeper).isEmpty }
        ProcessTable.killAll(ProcessTable.running(sleeper))
        #expect(!outcome.timedOut, "evlog did not stop when its reader went away")
        #expect(gone, "a closed output pipe left the command running")
        guard let plan = home.onlyPlan() else { return }
        let interrupted = try await home.export(plan).events("plan_interrupted")
        #expect(interrupted.first?.line.contains("SIGPIPE") == true, "\(interrupted.map(\.line))")
    }

    static func signalName(_ signal: Int32) -> String {
        switch signal {
        case SIGHUP: "SIGHUP"
        case SIGTERM: "SIGTERM"
        case SIGINT: "SIGINT"
        case SIGQUIT: "SIGQUIT"
        default: "SIG\(signal)"
        }
    }
}
