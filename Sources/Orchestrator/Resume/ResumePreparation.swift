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

        public var description: String {
            switch self {
            case .alreadyDone: "the plan is already done"
            case .cancelled: "the plan was cancelled; start a new one with `evlog install`"
            case .notCreated: "the log holds no plan"
            case .needsAcknowledgement(let message):
                "the plan is paused: \(message). Run `evlog resume <plan> --ack` once you have done that"
            case .uncertainNotIdempotent(let steps):
                "steps \(steps.map(\.rawValue).joined(separator: ", ")) were interrupted mid-way and are not safe to repeat blindly; check the system, then resume with --yes to run them again"
            }
        }
    }

    /// The events to record, in order, before the runner continues.
    ///
    /// - A log that ends with the plan running (or paused with steps still running) was left by a writer
    ///   that died: `plan_interrupted(crash)`.
    /// - An uncertain step is re-run when idempotent; otherwise only when `confirmed` (`--yes` or asked).
    /// - A plan created but never started needs nothing: the runner starts it.
    /// - Failed steps are retried (the user asked to resume); their skipped dependents reopen with them.
    public static func events(for state: PlanState, acknowledged: Bool, confirmed: Bool) throws(Refusal) -> [EventBody] {
        switch state.status {
        case .empty: throw .notCreated
        case .done: throw .alreadyDone
        case .cancelled: throw .cancelled
        case .paused:
            if !acknowledged { throw .needsAcknowledgement(message: state.pause?.message ?? "waiting for you") }
        case .pending, .running, .interrupted, .failed: break
        }
        if state.status == .pending { return [] }
        var events: [EventBody] = []
        // A writer that died while running, or after pausing but before the steps still running then
        // finished, left steps open: they become uncertain like any crash's.
        let diedAfterPausing = state.status == .paused && state.steps.contains { $0.status == .running }
        if state.status == .running || diedAfterPausing { events.append(.planInterrupted(cause: .crashDetected)) }
        if let plan = state.plan {
            let unsafe = unsafeToRerun(state)
            if !unsafe.isEmpty && !confirmed { throw .uncertainNotIdempotent(unsafe) }
            for step in cutOff(plan, state) {
                events.append(.stepRetry(step: step.id, reason: step.idempotent
                    ? "interrupted mid-step; idempotent, running it again"
                    : "interrupted mid-step; not idempotent, re-run confirmed by the user"))
            }
            for step in plan.steps where state.step(step.id)?.status == .failed {
                events.append(.stepRetry(step: step.id, reason: "retried on resume"))
            }
        }
        events.append(.planResumed(acknowledged: acknowledged))
        return events
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
