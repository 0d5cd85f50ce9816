extension PlanState {
    /// The state after `events`, from nothing.
    ///
    /// `@inlinable` so that callers fold an array without a protocol call and an outlined copy per event.
    @inlinable
    public static func fold<S: Sequence>(_ events: S) -> PlanState where S.Element == Event {
        var state = PlanState()
        for event in events { state.apply(event) }
        return state
    }

    /// The state after `events`, starting from a snapshot (a checkpoint's state).
    @inlinable
    public static func fold<S: Sequence>(from snapshot: PlanState, _ events: S) -> PlanState
    where S.Element == Event {
        var state = snapshot
        for event in events { state.apply(event) }
        return state
    }

    /// Applies one event. Never traps: an event that does not fit is counted in `ignoredEventCount`.
    ///
    /// Sequence numbers strictly increase (one writer per plan): an event numbered at or below the last
    /// one is ignored, so a second writer's duplicate run changes nothing. Only an event of a type this
    /// reader does not know may repeat the last number (seals and bundle records take none of their
    /// own, FORMAT.md §9).
    public mutating func apply(_ event: Event) {
        guard followsLastEvent(event) else {
            ignoredEventCount = ignoredEventCount.plusSaturating(1)
            eventCount = eventCount.plusSaturating(1)
            return
        }
        if case .checkpoint(let snapshot) = event.body {
            // A checkpoint is where a fold may start; met later, it says what the fold already knows. A checkpoint
            // no seal covers (appended after the final seal) is never the state (integrity16 finding 1).
            if eventCount == 0 { self = snapshot }
        } else if !applyBody(event.body, at: event.time) {
            ignoredEventCount = ignoredEventCount.plusSaturating(1)
        }
        lastSequence = event.sequence
        // A checkpoint's counts are read from the log: one at the end of the type stays there.
        eventCount = eventCount.plusSaturating(1)
        lastEventAt = event.time
    }

    private func followsLastEvent(_ event: Event) -> Bool {
        if eventCount == 0 || event.sequence > lastSequence { return true }
        if case .unknown = event.body { return event.sequence == lastSequence }
        return false
    }

    /// Returns false when the event does not apply to this state.
    private mutating func applyBody(_ body: EventBody, at time: Timestamp) -> Bool {
        switch body {
        case .planCreated(let plan):
            guard self.plan == nil else { return false }
            self.plan = plan
            steps = plan.steps.map { StepState(id: $0.id) }
            rebuildGraph(plan.steps)
            status = .pending
            createdAt = time
        case .planStarted:
            guard status == .pending else { return false }
            status = .running
            startedAt = time
        case .planResumed:
            guard plan != nil, status != .done, status != .cancelled else { return false }
            status = .running
            pause = nil
            interruption = nil
            failureReason = nil
            endedAt = nil
            if startedAt == nil { startedAt = time }
        case .planPaused(let reason, let step, let message):
            guard plan != nil, !status.isTerminal else { return false }
            status = .paused
            pause = Pause(reason: reason, step: step, message: message)
        case .planInterrupted(let cause):
            guard plan != nil, !status.isTerminal else { return false }
            status = .interrupted
            interruption = cause
            markOpenStepsUncertain()
        case .planDone:
            // "Done" means every step finished well; a log that says otherwise is contradicting itself.
            guard plan != nil, !status.isTerminal, isComplete else { return false }
            status = .done
            endedAt = time
        case .planFailed(let reason):
            guard plan != nil, !status.isTerminal else { return false }
            status = .failed
            failureReason = reason
            endedAt = time
            markOpenStepsUncertain()
        case .planCancelled(let reason):
            guard plan != nil, !status.isTerminal else { return false }
            status = .cancelled
            failureReason = reason
            endedAt = time
            markOpenStepsUncertain()
        case .outputChunk(let step, let stream, let data, _):
            guard let index = graph?.index(of: step) else { return false }
            switch stream {
            case .stdout: steps[index].stdoutBytes = steps[index].stdoutBytes.plusSaturating(Int64(data.count))
            case .stderr: steps[index].stderrBytes = steps[index].stderrBytes.plusSaturating(Int64(data.count))
            }
        case .commandStarted(let step, let argv, let process):
            guard let index = graph?.index(of: step) else { return false }
            steps[index].runningCommand = process.map { RunningCommand(argv: argv, process: $0) }
        case .commandFinished(let step, _, _, _):
            guard let index = graph?.index(of: step) else { return false }
            steps[index].runningCommand = nil
        case .stepStarted(let step, let attempt, _, _):
            // Steps start only in a running plan: never after it ended, paused or was interrupted.
            guard status == .running else { return false }
            return updateStep(step) { s in
                guard s.status == .pending else { return false }
                s.status = .running
                s.attempt = attempt
                s.runningCommand = nil
                s.startedAt = time
                s.endedAt = nil
                s.exitCode = nil
                s.failureReason = nil
                s.failureKind = nil
                return true
            }
        case .stepDone(let step, let exitCode, _, _):
            return updateStep(step) { s in
                guard s.status == .running || s.status == .uncertain else { return false }
                s.status = .done
                s.exitCode = exitCode
                s.endedAt = time
                return true
            }
        case .stepFailed(let step, let cause, _):
            return updateStep(step) { s in
                guard s.status == .running || s.status == .uncertain || s.status == .pending else { return false }
                s.status = .failed
                s.exitCode = cause.exitCode
                s.failureReason = cause.message
                s.failureKind = cause.kind
                s.endedAt = time
                return true
            }
        case .stepSkipped(let step, let reason, _):
            return updateStep(step) { s in
                guard !s.status.isTerminal || s.status == .failed else { return false }
                s.status = .skipped
                s.skipReason = reason
                s.endedAt = time
                return true
            }
        case .stepRetry(let step, _):
            guard let index = graph?.index(of: step),
                [.failed, .uncertain, .skipped].contains(steps[index].status)
            else { return false }
            reopen(index)
        case .failureAnalysed(let step, let diagnosis):
            return updateStep(step) { s in
                s.diagnosis = diagnosis
                return true
            }
        case .remediationProposed(let step, let remediations, let depth):
            return updateStep(step) { s in
                s.proposedRemediations = remediations
                s.remediationChainDepth = depth
                return true
            }
        case .remediationAccepted(let step, let remediationID):
            return updateStep(step) { s in
                s.acceptedRemediations.append(remediationID)
                return true
            }
        case .remediationApplied(let step, _, let newSteps, let retriedAs):
            return splice(newSteps, before: step, retriedAs: retriedAs)
        case .rollbackStarted(let step):
            return updateStep(step) { s in
                s.rollback = .running
                return true
            }
        case .rollbackDone(let step, let succeeded):
            return updateStep(step) { s in
                s.rollback = succeeded ? .succeeded : .failed
                return true
            }
        case .packageSetChanged(let step, let change):
            return updateStep(step) { s in
                s.packageChange = change
                return true
            }
        case .fileInstalled(let step, let file):
            return updateStep(step) { s in
                s.installedFile = file
                return true
            }
        case .checkpoint:
            return true
        case .unknown:
            unknownEventCount = unknownEventCount.plusSaturating(1)
        }
        return true
    }

    private mutating func updateStep(_ id: StepID, _ change: (inout StepState) -> Bool) -> Bool {
        guard let index = graph?.index(of: id) else { return false }
        return changeStep(index, change)
    }

    /// A step still running when the plan stops (interrupted, failed, cancelled) has no known outcome.
    private mutating func markOpenStepsUncertain() {
        for index in steps.indices where steps[index].status == .running {
            _ = changeStep(index) { s in
                s.status = .uncertain
                return true
            }
        }
    }

    /// Makes a failed, uncertain or skipped step pending again, and with it the dependents it had skipped.
    ///
    /// A dependent's skip names either this step or the skipped step between them (`dependencyFailed`
    /// allows both), so dependents are visited in topological order and a skip naming any step reopened
    /// so far is undone too.
    private mutating func reopen(_ index: Int) {
        makePending(index)
        guard let graph else { return }
        let dependents = Set(graph.transitiveDependents(of: index))
        var reopened: Set<StepID> = [steps[index].id]
        for dependent in graph.topologicalOrder where dependents.contains(dependent) {
            guard steps[dependent].status == .skipped, case .dependencyFailed(let cause) = steps[dependent].skipReason,
                reopened.contains(cause)
            else { continue }
            makePending(dependent)
            reopened.insert(steps[dependent].id)
        }
    }

    private mutating func makePending(_ index: Int) {
        _ = changeStep(index) { s in
            s.status = .pending
            s.skipReason = nil
            s.endedAt = nil
            return true
        }
    }

    /// Adds a remediation's steps to the plan, makes the failed step depend on them, and reopens it —
    /// redefined as `retriedAs` when given (same id; it keeps the failed step's dependencies too). A pending step may
    /// only be redefined, with no new steps: a step about to run made to wait for another remediation's fix steps
    /// (`FixStepOrdering`).
    private mutating func splice(_ newSteps: [Step], before id: StepID, retriedAs: Step?) -> Bool {
        guard var plan, let index = graph?.index(of: id) else { return false }
        let redefinesOnly = newSteps.isEmpty && retriedAs != nil
        guard [.failed, .uncertain].contains(steps[index].status) || (redefinesOnly && steps[index].status == .pending) else { return false }
        if var retried = retriedAs {
            guard retried.id == id else { return false }
            for dependency in plan.steps[index].dependsOn where !retried.dependsOn.contains(dependency) {
                retried.dependsOn.append(dependency)
            }
            plan.steps[index] = retried
        }
        plan.steps.append(contentsOf: newSteps)
        for step in newSteps where !plan.steps[index].dependsOn.contains(step.id) {
            plan.steps[index].dependsOn.append(step.id)
        }
        guard (try? PlanGraph(steps: plan.steps)) != nil else { return false }
        self.plan = plan
        steps.append(contentsOf: newSteps.map { StepState(id: $0.id) })
        rebuildGraph(plan.steps)
        reopen(index)
        return true
    }
}
