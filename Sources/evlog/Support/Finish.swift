import ArgumentParser
import InstallModel
import Orchestrator

/// How a plan-running command ends: the log's path, then the exit code the status means.
enum Finish {
    static func exit(_ outcome: PlanExecution.Outcome, global: GlobalOptions) throws {
        if !global.json { Terminal.print("log: \(outcome.logPath)") }
        switch outcome.status {
        case .done, .paused, .pending, .empty: return
        case .cancelled, .failed, .running: throw ExitCode.planFailed
        case .interrupted: throw ExitCode.interrupted
        }
    }
}
