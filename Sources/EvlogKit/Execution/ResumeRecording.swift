import InstallModel
import Orchestrator

/// What resuming a plan records before it runs again (shared by `resume`, `remedy` and a simulation
/// continuing through its pauses).
public enum ResumeRecording {
    /// Records what resuming means for the plan's state; `fixes`: the steps a remediation `remedy` just applied
    /// added, which the other steps of their lock wait for; `confirmedAtPrompt`: the user said yes to re-running
    /// uncertain steps when asked (not `--yes`).
    public static func prepare(
        _ recorder: EventRecorder, acknowledged: Bool, confirmed: Bool, fixes: (remediation: String, steps: [Step])? = nil,
        confirmedAtPrompt: Bool = false
    ) throws {
        do {
            // A real run asks the package manager what an interruption left half-done; a simulation's fixtures decide that.
            let real = recorder.state.plan.map { $0.simulation == nil } ?? false
            let events = try ResumePreparation.events(
                for: recorder.state, acknowledged: acknowledged, confirmed: confirmed, finishPackageManagers: real, fixes: fixes,
                confirmedAtPrompt: confirmedAtPrompt)
            for body in events {
                try recorder.record(body)
            }
        } catch let refusal as ResumePreparation.Refusal {
            throw UserFacingError(refusal.description)
        }
    }
}
