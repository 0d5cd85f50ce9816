import InstallModel
import Orchestrator
import Rendering

/// Starts a resolved plan the one way `install`, `uninstall` and `upgrade` share: shown, confirmed (or `--yes`),
/// recorded in its own log, resumable; `--dry-run` only shows it.
public enum PlanLaunch {
    /// `doing` names the change in the "cannot ask" message (`installing`, `removing tools`).
    /// Returns how the run ended; nil when `dryRun` only showed the plan.
    public static func start(_ plan: Plan, settings: ExecutionSettings, dryRun: Bool, doing: String) async throws -> PlanExecution.Outcome? {
        let style = settings.output.makeRenderer()
        if dryRun {
            Terminal.write(shown(plan, by: style))
            return nil
        }
        if !settings.yes && !Terminal.inputIsTerminal {
            throw UserFacingError("not a terminal, so evlog cannot ask before \(doing); pass --yes to proceed, or --dry-run to only see the plan")
        }
        try PlanExecution.checkSimulation(of: plan)
        // The plan is shown before sudo asks for a password, so the user knows what it is for.
        var shown = false
        let password = try PlanExecution.sudoPassword(for: plan, settings: settings) {
            guard !settings.output.json else { return }
            Terminal.write(Self.shown(plan, by: style))
            shown = true
        }
        var execution = PlanExecution(archive: PlanArchive(home: settings.home), settings: settings, sudoPassword: password)
        execution.planShown = shown
        let assumeYes = settings.yes
        let outcome = try await execution.start(plan) { interruption in
            assumeYes || plan.steps.isEmpty || Terminal.confirm("Proceed with \(plan.steps.count) steps?", unless: { interruption.requested != nil })
        }
        return try await execution.continuingThroughSimulatedPauses(outcome, of: plan)
    }

    /// The plan as it is shown before it runs (and all `--dry-run` shows): its steps, reasons and risks,
    /// drawn by `renderer`; `evlog serve`'s review page shows it plain.
    public static func shown(_ plan: Plan, by renderer: any Renderer) -> [UInt8] {
        renderer.render(Event(sequence: 1, time: PlanExecution.simulationEpoch, body: .planCreated(plan)))
    }
}
