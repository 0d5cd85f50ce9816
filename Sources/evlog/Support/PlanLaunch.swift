import EvlogKit
import ArgumentParser
import InstallModel
import Orchestrator

/// Starts a resolved plan the one way `install`, `uninstall` and `upgrade` share: shown, confirmed (or `--yes`),
/// recorded in its own log, resumable; `--dry-run` only shows it.
enum PlanLaunch {
    /// `doing` names the change in the "cannot ask" message (`installing`, `removing tools`).
    static func start(_ plan: Plan, global: GlobalOptions, options: RunOptions, dryRun: Bool, doing: String) async throws {
        let style = global.makeRenderer()
        if dryRun {
            Terminal.write(style.render(Event(sequence: 1, time: PlanExecution.simulationEpoch, body: .planCreated(plan))))
            return
        }
        if !options.yes && !Terminal.inputIsTerminal {
            throw UserFacingError("not a terminal, so evlog cannot ask before \(doing); pass --yes to proceed, or --dry-run to only see the plan")
        }
        try PlanExecution.checkSimulation(of: plan)
        // The plan is shown before sudo asks for a password, so the user knows what it is for.
        var shown = false
        let password = try PlanExecution.sudoPassword(for: plan, options: options) {
            guard !global.json else { return }
            Terminal.write(style.render(Event(sequence: 1, time: PlanExecution.simulationEpoch, body: .planCreated(plan))))
            shown = true
        }
        var execution = PlanExecution(archive: PlanArchive(home: global.homeDirectory), global: global, options: options, sudoPassword: password)
        execution.planShown = shown
        let assumeYes = options.yes
        let outcome = try await execution.start(plan) {
            assumeYes || plan.steps.isEmpty || Terminal.confirm("Proceed with \(plan.steps.count) steps?")
        }
        try Finish.exit(try await execution.continuingThroughSimulatedPauses(outcome, of: plan), global: global)
    }
}
