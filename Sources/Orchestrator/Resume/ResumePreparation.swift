import Foundation
import InstallModel

/// What must be recorded before a stopped plan continues, decided from its folded state alone.
public enum ResumePreparation {
    /// Why a plan cannot continue as asked.
    public enum Refusal: Error, Equatable, CustomStringConvertible {
        case alreadyDone
        case cancelled
        case notCreated
        case needsAcknowledgement(message: String)
        /// Steps that started, never finished, and are not safe to run twice.
        case uncertainNotIdempotent([StepID])
        /// Steps still to run whose command the log holds only redacted (a password typed into
        /// `evlog run`'s argv): running them would run the wrong command.
        case redactedCommand([StepID])

        public var description: String {
            switch self {
            case .alreadyDone: "the plan is already done"
            case .cancelled: "the plan was cancelled; start a new one with `evlog install`"
            case .notCreated: "the log holds no plan"
            case .needsAcknowledgement(let message):
                "the plan is paused: \(message). Run `evlog resume <plan> --ack` once you have done that"
            case .uncertainNotIdempotent(let steps):
                "steps \(steps.map(\.rawValue).joined(separator: ", ")) were interrupted mid-way and are not safe to repeat blindly; check the system, then resume with --yes to run them again"
            case .redactedCommand(let steps):
                "steps \(steps.map(\.rawValue).joined(separator: ", ")) held a secret the log keeps only as \(SecretPolicy.markerText), so they cannot be resumed; run the command again (e.g. with `evlog run`)"
            }
        }
    }

    /// The events to record, in order, before the runner continues.
    ///
    /// - A log that ends with the plan running (or paused with steps still running) was left by a writer
    ///   that died: `plan_interrupted(crash)`.
    /// - An uncertain step is re-run when idempotent; otherwise only when `confirmed` (`--yes`, or asked: then
    ///   `confirmedAtPrompt`, and the retry says which).
    /// - A plan created but never started needs nothing: the runner starts it.
    /// - Failed steps are retried (the user asked to resume); their skipped dependents reopen with them.
    /// - A step still to run whose stored form was redacted is refused: the real one is gone.
    /// - With `finishPackageManagers` (a real run, not a simulation), an apt step cut off mid-way first gets
    ///   the steps that finish what dpkg left half-done (`recoveries`).
    /// - Every other step about to run that takes the lock of those steps, or of `fixes` (the steps of a remediation
    ///   `remedy` just applied), waits for them (`FixStepOrdering`).
    public static func events(
        for state: PlanState, acknowledged: Bool, confirmed: Bool, finishPackageManagers: Bool = false,
        fixes: (remediation: String, steps: [Step])? = nil, confirmedAtPrompt: Bool = false
    ) throws(Refusal) -> [EventBody] {
        switch state.status {
        case .empty: throw .notCreated
        case .done: throw .alreadyDone
        case .cancelled: throw .cancelled
        case .paused:
            if !acknowledged { throw .needsAcknowledgement(message: state.pause?.message ?? "waiting for you") }
        case .pending, .running, .interrupted, .failed: break
        }
        let redacted = (state.plan?.steps ?? []).filter { step in
            state.step(step.id)?.status != .done && state.step(step.id)?.status != .skipped && holdsRedaction(step)
        }
        if !redacted.isEmpty { throw .redactedCommand(redacted.map(\.id)) }
        if state.status == .pending { return [] }
        var events: [EventBody] = []
        // A writer that died while running, or after pausing but before the steps still running then
        // finished, left steps open: they become uncertain like any crash's.
        let diedAfterPausing = state.status == .paused && state.steps.contains { $0.status == .running }
        if state.status == .running || diedAfterPausing { events.append(.planInterrupted(cause: .crashDetected)) }
        if let plan = state.plan {
            let unsafe = unsafeToRerun(state)
            if !unsafe.isEmpty && !confirmed { throw .uncertainNotIdempotent(unsafe) }
            let recoveries = finishPackageManagers ? recoveries(plan, state) : []
            // A recovered step is reopened by its remediation: no separate retry.
            let recovered = Set(recoveries.compactMap { body -> StepID? in
                if case .remediationApplied(let step, _, _, _) = body { return step }
                return nil
            })
            events += recoveries
            for step in cutOff(plan, state) where !recovered.contains(step.id) {
                // Said as it was decided: nobody was asked when --yes allowed it (truth12 F18).
                let allowed = confirmedAtPrompt ? "re-run as confirmed at the prompt" : "re-run because --yes allows it"
                events.append(.stepRetry(step: step.id, reason: step.idempotent
                    ? "interrupted mid-step; idempotent, running it again"
                    : "interrupted mid-step; not idempotent, \(allowed)"))
            }
            for step in plan.steps where state.step(step.id)?.status == .failed && !recovered.contains(step.id) {
                events.append(.stepRetry(step: step.id, reason: "retried on resume"))
            }
            events += waitingForFixes(state, after: events, recoveries: recoveries, fixes: fixes)
        }
        events.append(.planResumed(acknowledged: acknowledged))
        return events
    }

    /// The events that make the steps about to run wait for the fix steps of their lock: the recoveries' and the
    /// remedy's, judged on the state `events` lead to.
    private static func waitingForFixes(
        _ state: PlanState, after events: [EventBody], recoveries: [EventBody], fixes: (remediation: String, steps: [Step])?
    ) -> [EventBody] {
        var next = state
        func advance(_ bodies: [EventBody]) {
            for body in bodies { next.apply(Event(sequence: next.lastSequence + 1, time: next.lastEventAt ?? Timestamp(microseconds: 0), body: body)) }
        }
        advance(events)
        let recoverySteps = recoveries.flatMap { body -> [Step] in
            if case .remediationApplied(_, _, let newSteps, _) = body { return newSteps }
            return []
        }
        var waiting = FixStepOrdering.events(after: recoverySteps, remediationID: dpkgRecoveryID, in: next) { $0 == .pending }
        if let fixes {
            advance(waiting)
            waiting += FixStepOrdering.events(after: fixes.steps, remediationID: fixes.remediation, in: next) { $0 == .pending }
        }
        return waiting
    }

    private static func holdsRedaction(_ step: Step) -> Bool {
        guard let encoded = try? JSONEncoder().encode(step) else { return false }
        return SecretPolicy.holdsRedaction(String(decoding: encoded, as: UTF8.self))
    }

    /// The remediation that finishes a half-done dpkg run, documented by dpkg: `dpkg --configure -a`.
    public static let dpkgRecoveryID = "dpkg-configure-retry"

    /// Before an apt step (`changesDpkg`) that was cut off mid-way (or failed as `dpkg-interrupted`) runs again, ask dpkg what
    /// it left half-done (`dpkg --audit`) and finish it (`dpkg --configure -a`, a no-op when nothing is
    /// pending), both recorded as steps the apt step then depends on. Real runs only: a simulation plays
    /// recorded outputs, and its fixtures decide what a package manager left behind.
    static func recoveries(_ plan: Plan, _ state: PlanState) -> [EventBody] {
        let open = Set(state.openSteps)
        var events: [EventBody] = []
        var taken = Set(plan.steps.map(\.id))
        for step in plan.steps where changesDpkg(step) {
            let stepState = state.step(step.id)
            let interrupted = open.contains(step.id)
            let dpkgFailed = stepState?.status == .failed && stepState?.diagnosis?.kind == .dpkgInterrupted
            guard interrupted || dpkgFailed else { continue }
            var attempt = 1
            while taken.contains(StepID("\(step.id.rawValue)-dpkg-audit-\(attempt)")) { attempt += 1 }
            let audit = StepID("\(step.id.rawValue)-dpkg-audit-\(attempt)")
            let configure = StepID("\(step.id.rawValue)-dpkg-configure-\(attempt)")
            taken.formUnion([audit, configure])
            let newSteps = [
                Step(
                    id: audit, label: "Ask dpkg what the interrupted run left half-done",
                    action: .postInstall(CommandParameters(argv: ["dpkg", "--audit"])), needsRoot: false, idempotent: true,
                    risk: .low, timeoutSeconds: 120),
                Step(
                    id: configure, label: "Finish configuring half-installed packages (dpkg --configure -a)",
                    action: .postInstall(CommandParameters(argv: ["dpkg", "--configure", "-a"])), dependsOn: [audit],
                    needsRoot: true, idempotent: true, lock: .apt, risk: .medium, timeoutSeconds: 1800),
            ]
            events.append(.remediationApplied(step: step.id, remediationID: dpkgRecoveryID, newSteps: newSteps))
        }
        return events
    }

    /// Whether a step has apt or dpkg change packages: an install's apt packages step, or a step holding apt's lock
    /// (an uninstall's `apt-get purge`, an upgrade's install: truth12 F14, repro13 F7, whose resume went straight
    /// into "dpkg was interrupted"). The recovery's own dpkg steps are not recovered again.
    static func changesDpkg(_ step: Step) -> Bool {
        if case .packages(let p) = step.action { return p.manager == .apt }
        if case .postInstall(let command) = step.action, command.argv.first == "dpkg" { return false }
        return step.lock == .apt
    }

    /// Steps that were cut off mid-way and are not idempotent: resuming re-runs them only when confirmed.
    public static func unsafeToRerun(_ state: PlanState) -> [StepID] {
        guard let plan = state.plan else { return [] }
        return cutOff(plan, state).filter { !$0.idempotent }.map(\.id)
    }

    /// Steps that started and never finished (uncertain, or still running in a log whose writer died).
    private static func cutOff(_ plan: Plan, _ state: PlanState) -> [Step] {
        let open = Set(state.openSteps)
        return plan.steps.filter { open.contains($0.id) }
    }
}
