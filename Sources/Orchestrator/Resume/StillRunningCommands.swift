#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import InstallModel

/// Steps of a stopped plan whose command is, by the process recorded in `command_started`, still running:
/// evlog died (e.g. `kill -9`) but the command did not. Running the step again would start a second copy beside it.
public enum StillRunningCommands {
    /// One such step and the process still running its command.
    public struct Survivor: Equatable, Sendable {
        public let step: StepID
        public let process: ProcessIdentity
        public let argv: [String]
        /// Who runs it: a dead evlog left it, or a live evlog, another writer of this plan, still does.
        public var launch: ProcessTable.Launch = .orphaned
    }

    /// The open steps whose recorded command process `launch` says is still the command an evlog launched: left by
    /// a dead one, or run by a live one (the plan's other writer, whose log or directory was swapped for a copy).
    /// The default asks more than that the pid lives: a pid from the log is only a claim (`ProcessTable.evlogLaunch`).
    public static func find(
        in state: PlanState,
        launch: (ProcessIdentity, [String]) -> ProcessTable.Launch? = ProcessTable.evlogLaunch
    ) -> [Survivor] {
        state.openSteps.compactMap { step in
            guard let command = state.step(step)?.runningCommand, let how = launch(command.process, command.argv) else { return nil }
            return Survivor(step: step, process: command.process, argv: command.argv, launch: how)
        }
    }

    /// How long a found process gets to end by itself before it counts as still running: a launcher
    /// whose evlog was just killed is still ending its command's tree (`ProcessTreeReaper`).
    public static let settleMilliseconds = 3000

    /// `find`, asked again every 50 ms while something is found, for at most `settleMilliseconds`.
    public static func findAfterSettling(
        in state: PlanState, launch: (ProcessIdentity, [String]) -> ProcessTable.Launch? = ProcessTable.evlogLaunch
    ) -> [Survivor] {
        var survivors = find(in: state, launch: launch)
        var waitedMilliseconds = 0
        while !survivors.isEmpty, waitedMilliseconds < settleMilliseconds {
            usleep(50_000)
            waitedMilliseconds += 50
            survivors = find(in: state, launch: launch)
        }
        return survivors
    }

    /// The open steps whose recorded process lives but is not the command (`find` left them out): what the
    /// log claims, to say once; resume goes on, since the writer lock, not a pid, keeps one writer per plan.
    public static func unconfirmed(
        in state: PlanState, survivors: [Survivor], isAlive: (ProcessIdentity, [String]) -> Bool = ProcessTable.isRunning
    ) -> [Survivor] {
        find(in: state) { isAlive($0, $1) ? .orphaned : nil }.filter { claim in !survivors.contains { $0.step == claim.step } }
    }

    /// One line saying that the processes `unconfirmed` found are left alone and why.
    public static func notWaitedFor(_ claims: [Survivor]) -> String {
        let listed = claims.map { "step \($0.step.rawValue) names process \($0.process.pid)" }.joined(separator: ", ")
        return "the log of the interrupted run says \(listed); that process runs but is not a command evlog left running "
            + "(not an evlog launcher of that program), so it is neither waited for nor touched"
    }

    /// One line naming the processes and what to do.
    public static func refusal(_ survivors: [Survivor], plan: String) -> String {
        let writers = survivors.compactMap { survivor -> String? in
            guard case .runBy(let evlog) = survivor.launch else { return nil }
            return "step \(survivor.step.rawValue) (process \(survivor.process.pid), run by evlog process \(evlog))"
        }
        if !writers.isEmpty {
            return "the command of \(writers.joined(separator: ", ")) is running now: that evlog is this plan's writer (its log, "
                + "or the directory holding it, was copied or moved while it ran); nothing was run. Wait for it to end, "
                + "then run `evlog resume \(plan)` again if the plan is not done"
        }
        let listed = survivors.map { "step \($0.step.rawValue) (process \($0.process.pid))" }.joined(separator: ", ")
        let pids = survivors.map { String($0.process.pid) }.joined(separator: " ")
        return "the command of \(listed) is still running from the interrupted run; wait for it to end or stop it (`kill \(pids)`), then run `evlog resume \(plan)` again"
    }
}
