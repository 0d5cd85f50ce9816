import EvlogKit
import ArgumentParser
import Foundation
import InstallModel
import Orchestrator
import Rendering

/// `evlog resume <plan>`: continue after Ctrl-C, a crash, a reboot or a pause; never re-run a done step.
struct ResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Continue a stopped plan from its log: only what is not done runs.",
        discussion: """
            Examples:
              evlog resume p-3f2a9c01b7de          after Ctrl-C, kill -9 or a reboot
              evlog resume p-3f2a9c01b7de --ack    after the restart/log-out a paused plan asked for
              evlog resume p-3f2a9c01b7de --yes    also re-run interrupted steps that are not idempotent
              evlog resume host.evb --key host.pub a log from elsewhere (or imported): only when sealed by that key,
                                                   after showing its plan and asking
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var run: RunOptions
    @OptionGroup var foreign: ForeignLogOptions

    @Argument(help: "Plan id (see `evlog list`) or path to its .evlog file.", completion: .custom(PlanCompletion.planIDs))
    var plan: String

    @Flag(help: "Acknowledge what a paused plan asked for (a restart, a log-out, a message).")
    var ack = false

    func run() async throws {
        let log = try global.planLog(plan)
        let acknowledged = ack
        var confirmed = self.run.yes
        var confirmedAtPrompt = false
        let execution = PlanExecution(global: global, run: self.run)
        // Decided under the writer lock from the one fold and the one seal check of the log, before it is
        // opened for writing: a refusal leaves a damaged log untouched.
        let outcome = try await execution.resume(path: log.path, named: foreign.named) { state, seals in
            guard let plan = state.plan else { return nil }
            try ResumeCommand.refuseWhileCommandsRun(state, plan: self.plan)
            if state.status == .done {
                Terminal.print("plan \(shown: plan.id.rawValue) is already done; nothing to resume")
                return nil
            }
            let continueIn = try foreign.check(log, plan: plan, report: seals, home: global.homeDirectory, yes: self.run.yes, doing: "resume").continueIn
            let password = try PlanExecution.sudoPassword(for: plan, settings: execution.settings, done: state.doneSteps)
            if !confirmed {
                confirmedAtPrompt = ResumeCommand.askAboutUncertainSteps(state)
                confirmed = confirmedAtPrompt
            }
            do {
                _ = try ResumePreparation.events(for: state, acknowledged: acknowledged, confirmed: confirmed)
            } catch let refusal as ResumePreparation.Refusal {
                throw UserFacingError(refusal.description)
            }
            return PlanExecution.Admission(sudoPassword: password, continueIn: continueIn)
        } prepare: { recorder in
            try ResumeRecording.prepare(recorder, acknowledged: acknowledged, confirmed: confirmed, confirmedAtPrompt: confirmedAtPrompt)
            return true
        }
        guard let outcome else { return }
        try Finish.exit(outcome, global: global)
    }

    /// A command the interrupted run started may outlive evlog (`kill -9`, a program that escaped its
    /// process group): running its step again would start a second copy beside it, so nothing runs.
    static func refuseWhileCommandsRun(_ state: PlanState, plan: String) throws {
        let survivors = StillRunningCommands.findAfterSettling(in: state)
        guard survivors.isEmpty else {
            throw UserFacingError(StillRunningCommands.refusal(survivors, plan: state.plan?.id.rawValue ?? plan))
        }
        let claims = StillRunningCommands.unconfirmed(in: state, survivors: survivors)
        if !claims.isEmpty { Terminal.print("evlog: note: " + StillRunningCommands.notWaitedFor(claims), to: STDERR_FILENO) }
    }

    /// On a terminal, asks before re-running steps that were cut off mid-way and are not idempotent.
    static func askAboutUncertainSteps(_ state: PlanState) -> Bool {
        let unsafe = ResumePreparation.unsafeToRerun(state)
        guard !unsafe.isEmpty, Terminal.inputIsTerminal else { return false }
        return Terminal.confirm(
            "Steps \(unsafe.map(\.rawValue).joined(separator: ", ")) were interrupted mid-way and are not safe to repeat blindly. Run them again?")
    }
}
