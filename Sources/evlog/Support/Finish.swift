import EvlogKit
import ArgumentParser
import Foundation
import InstallModel
import Orchestrator

/// How a plan-running command ends: the log's path, what to type next when the plan stopped part-way,
/// then the exit code the status means (README, "Exit codes").
enum Finish {
    static func exit(_ outcome: PlanExecution.Outcome, global: GlobalOptions) throws {
        if !global.json { Terminal.print("log: \(outcome.logPath)") }
        switch outcome.status {
        case .done, .pending, .empty: return
        case .paused:
            if !global.json { Terminal.print("paused: once you have done that, continue with: \(resumeCommand(outcome, global: global)) --ack") }
            throw ExitCode.paused
        case .cancelled where outcome.state.failureReason.flatMap(PlanSession.promptSignal(cancelling:)) != nil: throw ExitCode.interrupted
        case .cancelled, .failed, .running: throw ExitCode.planFailed
        case .interrupted:
            if !global.json { Terminal.print("interrupted: continue with: \(resumeCommand(outcome, global: global))") }
            throw ExitCode.interrupted
        }
    }

    /// `evlog resume <plan-id>`, with `--home` when the run was given one.
    static func resumeCommand(_ outcome: PlanExecution.Outcome, global: GlobalOptions) -> String {
        let planID = URL(fileURLWithPath: outcome.logPath).deletingPathExtension().lastPathComponent
        let home = global.home.map { " --home " + ShellQuoting.quote($0) } ?? ""
        return "evlog resume \(planID)\(home)"
    }
}
