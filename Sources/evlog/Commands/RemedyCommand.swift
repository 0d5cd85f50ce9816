import EvlogKit
import ArgumentParser
import InstallModel
import Orchestrator
import Rendering

/// `evlog remedy <plan> [<remediation-id>]`: list a failure's remediations, or apply one and resume.
struct RemedyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remedy", abstract: "Show the remediations of a failed plan, or apply one and continue.",
        discussion: """
            Examples:
              evlog remedy p-3f2a9c01b7de                 list what can be done about the failure
              evlog remedy p-3f2a9c01b7de apt-update      apply a remediation, then resume
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var run: RunOptions
    @OptionGroup var foreign: ForeignLogOptions

    @Argument(help: "Plan id or path to its .evlog file.")
    var plan: String

    @Argument(help: "The remediation to apply (from the list).")
    var remediation: String?

    func run() async throws {
        let archive = PlanArchive(home: global.homeDirectory)
        let log = try global.planLog(plan)
        let path = log.path
        if case .running(let pid) = log.writer { throw PlanExecution.runningElsewhere(path, pid: pid) }
        let state = try log.currentState()
        try ResumeCommand.refuseWhileCommandsRun(state, plan: plan)
        let failed = state.steps.filter { $0.status == .failed }
        guard !failed.isEmpty else { throw UserFacingError("plan \(plan) has no failed step to remedy (status: \(state.status.rawValue))") }
        guard let remediation else {
            let style = TextStyle(colored: global.useColor)
            for step in failed {
                Terminal.print(style.bold("\(shown: step.id)") + ": \(shown: step.failureReason ?? "failed")")
                if let diagnosis = step.diagnosis { Terminal.write(Array(FailureText.text(step: step.id, diagnosis: diagnosis, style: style).utf8)) }
                Terminal.write(Array(FailureText.remediations(step.proposedRemediations, chainDepth: step.remediationChainDepth, style: style).utf8))
            }
            Terminal.print("apply one with: evlog remedy \(shown: plan) <remediation-id>")
            return
        }
        let vouchingKey = try state.plan.flatMap {
            try foreign.check(log, plan: $0, home: global.homeDirectory, yes: self.run.yes, doing: "remedy", style: global.textStyle)
        }
        guard let (step, choice) = failed.lazy.compactMap({ step in step.proposedRemediations.first { $0.id == remediation }.map { (step, $0) } }).first else {
            let known = failed.flatMap(\.proposedRemediations).map(\.id)
            throw UserFacingError("no remediation '\(shown: remediation)' was proposed; proposed: \(known.shown(joinedBy: ", "))")
        }
        if case .impossible(let reason) = choice.availability { throw UserFacingError("\(shown: choice.id) cannot run here: \(shown: reason)") }
        if step.remediationChainDepth >= RunSettings.remediationDepthMax {
            throw UserFacingError("\(shown: step.id) has already been remedied \(step.remediationChainDepth) times; stopping here (fix it by hand)")
        }
        let password = try PlanExecution.sudoPassword(for: state.plan, options: self.run)
        var execution = PlanExecution(archive: archive, global: global, options: self.run, sudoPassword: password)
        execution.vouchingKey = vouchingKey
        let confirmed = self.run.yes
        let outcome = try await execution.resume(path: path) { recorder in
            try Remediations.apply(choice, to: step.id, recorder: recorder)
            guard recorder.state.status != .cancelled else { return false }
            try ResumeCommand.prepare(recorder, acknowledged: false, confirmed: confirmed)
            return true
        }
        try Finish.exit(outcome, global: global)
    }
}
