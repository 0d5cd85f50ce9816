import ArgumentParser
import InstallModel
import Orchestrator

/// How a plan-running command ends: the log's path, then the exit code the status means.
enum Finish {
    static func exit(_ outcome: PlanExecution.Outcome, global: GlobalOptions) throws {
        switch outcome {
        case .finished(let status, let path):
            if !global.json { Terminal.print("log: \(path)") }
            switch status {
            case .done, .paused, .pending, .empty: return
            case .cancelled: throw ExitCode.planFailed
            case .failed: throw ExitCode.planFailed
            case .interrupted: throw ExitCode.interrupted
            case .running: throw ExitCode.planFailed
            }
        }
    }
}
