import EvlogKit
import ArgumentParser
import Catalog
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

    @Argument(help: "Plan id or path to its .evlog file.", completion: .custom(PlanCompletion.planIDs))
    var plan: String

    @Argument(help: "The remediation to apply (from the list).")
    var remediation: String?

    func run() async throws {
        let log = try global.planLog(plan)
        guard let remediation else {
            if log.writer.isRunning { throw PlanExecution.runningElsewhere(log.path) }
            let reading = log.warnIfSealsFail()
            var state = try log.currentState(reading: reading)
            if let unsealed = log.unsealedProposalsWarned(reading) { state.withholdRemediations(of: unsealed.steps) }
            let failed = try RemedyCommand.failedSteps(of: state, plan: plan)
            // A log from elsewhere is listed with what applying would run: this evlog's own proposals from the
            // recorded diagnosis, never the log's (trust16 #1: the list showed none while one applied). Elsewhere is
            // what applying asks: outside plans/, imported, or sealed by another key.
            let elsewhere = ForeignLogOptions.origin(of: log, home: global.homeDirectory) != nil
            let offered: (StepState) -> [Remediation] = { step in
                guard elsewhere, let plan = state.plan else { return step.proposedRemediations }
                return RemedyCommand.proposedHere(for: step, of: state, plan: plan)
            }
            if global.json {
                let listed = failed.map {
                    FailedStepRemedies(step: $0.id.rawValue, reason: $0.failureReason, diagnosis: $0.diagnosis, remediations: offered($0))
                }
                Terminal.print(try JSONText.encode(listed))
                return
            }
            let style = TextStyle(colored: global.useColor)
            for step in failed {
                Terminal.print(style.bold("\(shown: step.id)") + ": \(shown: step.failureReason ?? "failed")")
                if let diagnosis = step.diagnosis { Terminal.write(Array(FailureText.text(step: step.id, diagnosis: diagnosis, style: style).utf8)) }
                Terminal.write(Array(FailureText.remediations(offered(step), chainDepth: step.remediationChainDepth, style: style).utf8))
            }
            Terminal.print("apply one with: evlog remedy \(shown: plan) <remediation-id>")
            return
        }
        let execution = PlanExecution(global: global, run: self.run)
        var chosen: (step: StepID, remediation: Remediation)?
        // Decided under the writer lock from the one fold and the one seal check of the log, before it is
        // opened for writing.
        let outcome = try await execution.resume(path: log.path, named: foreign.named) { state, seals in
            guard let plan = state.plan else { return nil }
            try ResumeCommand.refuseWhileCommandsRun(state, plan: self.plan)
            let failed = try RemedyCommand.failedSteps(of: state, plan: self.plan)
            let verdict = try foreign.check(log, plan: plan, report: seals, home: global.homeDirectory, yes: self.run.yes, doing: "remedy")
            // A log from elsewhere records remediations with their steps; evlog runs only its own: each is
            // proposed again here from the recorded diagnosis, by this evlog's rules and catalog (integrity11 #7).
            let foreign = verdict.origin != nil
            let proposals = failed.map { step in
                (step, foreign ? RemedyCommand.proposedHere(for: step, of: state, plan: plan) : step.proposedRemediations)
            }
            guard let (step, choice) = proposals.lazy.compactMap({ step, offered in offered.first { $0.id == remediation }.map { (step, $0) } }).first else {
                let known = proposals.flatMap(\.1).map(\.id)
                throw UserFacingError("no remediation '\(shown: remediation)' was proposed; proposed: \(known.shown(joinedBy: ", "))")
            }
            if foreign, !choice.steps.isEmpty || choice.adjustment != nil {
                Terminal.write(Array(RemedyCommand.consentText(for: choice).utf8))
                guard self.run.yes || Terminal.confirm("Apply \(choice.id) as shown?") else { throw UserFacingError("not confirmed; nothing was run") }
            }
            if case .impossible(let reason) = choice.availability { throw UserFacingError("\(shown: choice.id) cannot run here: \(shown: reason)") }
            if step.remediationChainDepth >= RunSettings.remediationDepthMax {
                throw UserFacingError("\(shown: step.id) has already been remedied \(step.remediationChainDepth) times; stopping here (fix it by hand)")
            }
            chosen = (step.id, choice)
            // What will run is shown before sudo's password is asked for (truth20 #16); a foreign log's was shown above.
            let password = try PlanExecution.sudoPassword(for: plan, settings: execution.settings, done: state.doneSteps) {
                if !foreign { Terminal.write(Array(RemedyCommand.consentText(for: choice, rerunning: step.id).utf8)) }
            }
            return PlanExecution.Admission(sudoPassword: password, continueIn: verdict.continueIn)
        } prepare: { recorder in
            guard let chosen else { return false }
            let fixes = try Remediations.apply(chosen.remediation, to: chosen.step, recorder: recorder)
            guard recorder.state.status != .cancelled else { return false }
            try ResumeRecording.prepare(recorder, acknowledged: false, confirmed: self.run.yes, fixes: (chosen.remediation.id, fixes))
            return true
        }
        guard let outcome else { return }
        try Finish.exit(outcome, global: global)
    }

    /// The remediations this evlog proposes for a failed step of `state`, from the step's recorded diagnosis (none
    /// without one: then only what the rules offer any failure).
    static func proposedHere(for step: StepState, of state: PlanState, plan: Plan) -> [Remediation] {
        guard let planned = state.plannedStep(step.id) else { return [] }
        let diagnosis = step.diagnosis ?? Diagnosis(kind: .unknown, confidence: 0, evidence: [])
        return RemediationProposals.propose(
            for: diagnosis, step: planned, plan: plan, chain: step.acceptedRemediations, analyser: RuleBasedAnalyser(),
            alternatives: CatalogAlternatives())
    }

    /// What applying `remediation` adds to the plan, command by command, as `evlog plan` shows steps.
    static func consentText(for remediation: Remediation, rerunning failed: StepID? = nil) -> String {
        var lines = ["Remediation \(shown: remediation.id) (\(remediation.risk.rawValue) risk) adds:"]
        lines += PlanText.stepLines(remediation.steps)
        if let failed, remediation.steps.isEmpty, remediation.adjustment == nil { lines.append("  nothing: it runs \(shown: failed) again as it is") }
        if let changes = remediation.adjustment?.changes, !changes.isEmpty {
            lines.append("  and runs the failed step again with \(changes.shown(joinedBy: " "))")
        }
        if let timing = remediation.adjustment?.timing, !timing.isEmpty { lines.append("  the failed step runs again: " + timing.joined(separator: ", ")) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The plan's failed steps; none is a usage error naming the plan's status.
    /// A failed step and what can be done about it, as `evlog remedy <plan> --json` lists it.
    struct FailedStepRemedies: Encodable {
        var step: String
        var reason: String?
        var diagnosis: Diagnosis?
        var remediations: [Remediation]
    }

    /// Both callers know no writer runs the plan, so one the log leaves running stopped without ending it (integrity13 #6).
    static func failedSteps(of state: PlanState, plan: String) throws -> [StepState] {
        let failed = state.steps.filter { $0.status == .failed }
        guard failed.isEmpty else { return failed }
        if state.status == .running || state.status == .interrupted {
            throw UserFacingError(
                "plan \(plan) has no failed step to remedy: it was interrupted (its writer stopped without ending it); continue it with `evlog resume \(plan)`")
        }
        throw UserFacingError("plan \(plan) has no failed step to remedy (status: \(state.status.rawValue))")
    }
}
