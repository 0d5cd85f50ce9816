import Foundation
import InstallModel
import Orchestrator
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
        #expect(StillRunningCommands.find(in: open) { _, _ in true }.map(\.process) == [process])
        #expect(StillRunningCommands.find(in: open) { _, _ in false }.isEmpty)
        let message = StillRunningCommands.refusal(StillRunningCommands.find(in: open) { _, _ in true }, plan: "p-test")
        #expect(message.contains("4321") && message.contains("evlog resume p-test"), "\(message)")
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
}
