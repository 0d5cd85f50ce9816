import Foundation
import InstallModel
import Simulator

extension PlanExecution {
    /// The simulated world of a simulated plan, found from the working directory and the binary, in the
    /// state `past` (the log so far) left it.
    static func simulatedSystem(for plan: Plan, past: any Sequence<Event> = []) throws -> SimulatedSystem {
        try SimulatedSystem.locate(
            for: plan, history: past, executablePath: CommandLine.arguments[0],
            workingDirectory: FileManager.default.currentDirectoryPath, environment: ProcessInfo.processInfo.environment)
    }

    /// Checks before a log is created that a simulated plan can run: its fixture set exists and every
    /// `--fault` names a step of the plan (a usage error, exit 2, otherwise).
    static func checkSimulation(of plan: Plan) throws {
        guard plan.simulation != nil else { return }
        do {
            _ = try simulatedSystem(for: plan)
        } catch let error as SimulatorError {
            throw UserFacingError(error.description)
        }
    }
}

extension PlanExecution {
    /// Longest run of pauses a simulation continues through by itself.
    static let simulatedPausesMax = 16

    /// A simulated machine restarts (a shell, a session, the system) at once: with `--yes`, a simulated
    /// plan that pauses for a restart or an acknowledgement goes on as `evlog resume <plan> --ack` would,
    /// and the log keeps the pause and the resume.
    func continuingThroughSimulatedPauses(_ first: Outcome, of plan: Plan) async throws -> Outcome {
        guard plan.simulation != nil, settings.yes else { return first }
        var outcome = first
        for _ in 0..<PlanExecution.simulatedPausesMax where outcome.status == .paused {
            Terminal.print("evlog: simulated: the restart happens at once; continuing as `evlog resume \(plan.id) --ack`")
            let next = try await resume(path: outcome.logPath, named: nil) { _, _ in
                Admission(sudoPassword: sudoPassword)
            } prepare: { recorder in
                try ResumeRecording.prepare(recorder, acknowledged: true, confirmed: true)
                return true
            }
            guard let next else { break }
            outcome = next
        }
        return outcome
    }
}
