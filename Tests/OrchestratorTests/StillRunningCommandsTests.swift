import Foundation
import InstallModel
@testable import Orchestrator
import Testing

/// `command_started` carries the command's process; the fold keeps it on the step until
/// `command_finished`, and `resume` asks the process table whether it still lives.
@Suite struct StillRunningCommandsTests {
    private func state(_ bodies: [EventBody]) -> PlanState {
        let profile = SystemProfile(
            name: "test", osFamily: "debian", distribution: "debian", version: "12", arch: "x86_64", initSystem: .none,
            packageManagers: [.apt], isRoot: true, hasSudo: false, inContainer: true, externallyManagedPython: true)
        let step = Step(id: "run", label: "sleep", action: .postInstall(CommandParameters(argv: ["sleep", "30"])))
        let plan = Plan(id: PlanID("p-test"), tools: [], profile: profile, steps: [step])
        let all: [EventBody] = [.planCreated(plan), .planStarted, .stepStarted(step: "run", attempt: 1, command: ["sleep", "30"])] + bodies
        return PlanState.fold(all.enumerated().map { Event(sequence: UInt64($0 + 1), time: Timestamp(microseconds: Int64($0)), body: $1) })
    }

    @Test func theFoldKeepsTheProcessOfAnUnfinishedCommandOnly() {
        let process = ProcessIdentity(pid: 4321, startTicks: 99)
        let started = state([.commandStarted(step: "run", argv: ["sleep", "30"], process: process)])
        #expect(started.step("run")?.runningCommand == RunningCommand(argv: ["sleep", "30"], process: process))
        let finished = state([.commandStarted(step: "run", argv: ["sleep", "30"], process: process), .commandFinished(step: "run", exitCode: 0)])
        #expect(finished.step("run")?.runningCommand == nil)
        #expect(state([.commandStarted(step: "run", argv: ["sleep", "30"])]).step("run")?.runningCommand == nil)
    }

    @Test func aLineWithoutAPidStillDecodes() throws {
        let line = #"{"argv":["true"],"seq":4,"step":"run","time":5,"type":"command_started","v":1}"#
        let event = try EventJSON.decode(Data(line.utf8))
        #expect(event.body == .commandStarted(step: "run", argv: ["true"], process: nil))
    }

    @Test func onlyALiveRecordedProcessIsReported() {
        let process = ProcessIdentity(pid: 4321, startTicks: 99)
        let open = state([.commandStarted(step: "run", argv: ["sleep", "30"], process: process)])
        #expect(StillRunningCommands.find(in: open) { _, _ in .orphaned }.map(\.process) == [process])
        #expect(StillRunningCommands.find(in: open) { _, _ in nil }.isEmpty)
        let message = StillRunningCommands.refusal(StillRunningCommands.find(in: open) { _, _ in .orphaned }, plan: "p-test")
        #expect(message.contains("4321") && message.contains("evlog resume p-test"), "\(message)")
    }

    /// integrity20 #1: the command a live evlog runs (its log's directory swapped for a copy, so no lock of it is
    /// seen) is refused naming that evlog as the plan's writer, not as a command left behind.
    @Test func aCommandALiveEvlogRunsIsRefusedNamingThatWriter() {
        let process = ProcessIdentity(pid: 4321, startTicks: 99)
        let open = state([.commandStarted(step: "run", argv: ["sleep", "30"], process: process)])
        let survivors = StillRunningCommands.find(in: open) { _, _ in .runBy(evlog: 777) }
        #expect(survivors.map(\.launch) == [.runBy(evlog: 777)])
        let message = StillRunningCommands.refusal(survivors, plan: "p-test")
        #expect(message.contains("evlog process 777") && message.contains("writer") && !message.contains("kill"), "\(message)")
    }

    @Test func theProcessTableKnowsThisProcessAndNotALaterOneWithItsPid() throws {
        try #require(FileManager.default.fileExists(atPath: "/proc/self/stat"), "needs Linux /proc")
        let me = ProcessTable.identity(of: getpid())
        #expect(me.startTicks != nil)
        let argv = CommandLine.arguments
        #expect(ProcessTable.isRunning(me, argv: argv))
        #expect(!ProcessTable.isRunning(ProcessIdentity(pid: me.pid, startTicks: (me.startTicks ?? 0) + 1), argv: argv))
        #expect(!ProcessTable.isRunning(ProcessIdentity(pid: me.pid), argv: ["evlog-no-such-program"]))
        #expect(ProcessTable.isRunning(ProcessIdentity(pid: me.pid), argv: argv))
    }

    /// integrity10 finding 1: a crash tail no seal covers named a live process of the user's (`sleep 300`, its
    /// real start time and argv) and resume refused, advising `kill` of it. A live pid is not the command.
    @Test func aLiveProcessTheLogNamesIsNotTakenForTheCommandUnlessItIsAnOrphanedLauncher() throws {
        try #require(FileManager.default.fileExists(atPath: "/proc/self/stat"), "needs Linux /proc")
        let victim = Process()
        victim.executableURL = URL(fileURLWithPath: "/bin/sleep")
        victim.arguments = ["300"]
        try victim.run()
        defer { kill(victim.processIdentifier, SIGKILL); victim.waitUntilExit() }
        let process = ProcessTable.identity(of: victim.processIdentifier)
        let forged = state([.commandStarted(step: "run", argv: ["sleep", "300"], process: process)])
        #expect(ProcessTable.isRunning(process, argv: ["sleep", "300"]), "the process named is alive and the same one")
        let survivors = StillRunningCommands.find(in: forged)
        #expect(survivors.isEmpty)
        let claims = StillRunningCommands.unconfirmed(in: forged, survivors: survivors)
        #expect(claims.map(\.process) == [process])
        let note = StillRunningCommands.notWaitedFor(claims)
        #expect(note.contains("\(process.pid)") && !note.contains("kill"), "\(note)")
    }

    /// Generated command lines: only a launcher (`ParentDeathLauncher.modeArgument` second) of the recorded
    /// program is a command an evlog launched: orphaned when its evlog no longer parents it, else run by that evlog.
    @Test(arguments: 0..<64) func onlyALauncherOfTheProgramCountsAndItsParentSaysWhoRunsIt(seed: Int) {
        var random = SplitMix64(seed: UInt64(seed))
        let programs = ["sleep", "/usr/bin/apt-get", "sudo", "pipx"]
        let program = programs[Int(random.next() % 4)]
        let recorded = programs[Int(random.next() % 4)]
        let evlogPid = Int32(100 + random.next() % 1000)
        let launcherShape = random.next() % 2 == 0
        let orphaned = random.next() % 2 == 0
        let line = launcherShape
            ? ["/usr/local/bin/evlog", ParentDeathLauncher.modeArgument, String(evlogPid), program, "--x"]
            : [program, "--x", String(evlogPid), program]
        let parent: Int32 = orphaned ? 1 : evlogPid
        let launched = launcherShape && program.split(separator: "/").last == recorded.split(separator: "/").last
        let expected: ProcessTable.Launch? = launched ? (orphaned ? .orphaned : .runBy(evlog: evlogPid)) : nil
        #expect(ProcessTable.evlogLaunch(commandLine: line, parent: parent, of: [recorded, "x"]) == expected, "\(line) \(parent) \(recorded)")
    }
}
