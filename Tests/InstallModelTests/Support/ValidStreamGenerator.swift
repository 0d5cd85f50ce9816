import InstallModel

/// Writes random event logs that a correct orchestrator could have written, from a seed.
///
/// Plans have parallel branches and shared package-manager locks; runs have output chunks, failures,
/// retries, spliced remediations, skips, pauses, crashes, resumes, rollbacks, checkpoints and events
/// of unknown types. It decides what may start from the fold's own `readySteps`, as the orchestrator
/// does, so a ready set that offers too much shows up as a broken invariant in the states it produces.
final class ValidStreamGenerator {
    let seed: UInt64
    private var rng: SplitMix64
    private var script = EventScript()
    private var state = PlanState()
    private var fixCount = 0
    private var pauseCount = 0
    private var interruptionCount = 0
    private var planResumeCount = 0
    /// Times the generator found a running plan with nothing to do that was not complete: a liveness bug.
    private(set) var stuckCount = 0

    init(seed: UInt64) {
        self.seed = seed
        rng = SplitMix64(seed: seed)
    }

    // MARK: Random choices

    func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    func chance(_ percent: Int) -> Bool { int(1...100) <= percent }
    func pick<T>(_ values: [T]) -> T { values[int(0...(values.count - 1))] }

    func step(_ id: StepID, dependsOn: [StepID]) -> Step {
        switch int(0...7) {
        case 0, 1: Fixtures.packages(id, .apt, dependsOn: dependsOn)
        case 2: Fixtures.packages(id, .dnf, dependsOn: dependsOn)
        case 3: Fixtures.packages(id, .yum, dependsOn: dependsOn)
        case 4: Fixtures.pipTool(id, dependsOn: dependsOn)
        case 5:
            Step(
                id: id, label: "add repo for \(id)", action: .repoSetup(RepoSetupParameters(manager: .apt, name: id.rawValue)),
                dependsOn: dependsOn, needsRoot: true)
        default: Fixtures.command(id, dependsOn: dependsOn)
        }
    }

    /// 1…10 steps, each depending on up to three earlier ones, then shuffled so plan order is not topological.
    func plan() -> Plan {
        var steps: [Step] = []
        for index in 0..<int(1...10) {
            var dependencies: [StepID] = []
            for earlier in steps where chance(25) && dependencies.count < 3 { dependencies.append(earlier.id) }
            steps.append(step(StepID("s\(index)"), dependsOn: dependencies))
        }
        steps.shuffle(using: &rng)
        return Fixtures.plan(steps)
    }

    func chunkData() -> [UInt8] {
        let count = int(0...48)
        if chance(20) { return (0..<count).map { _ in UInt8(truncatingIfNeeded: int(0...255)) } }
        return (0..<count).map { _ in UInt8(int(32...126)) }
    }

    // MARK: The log

    private func emit(_ body: EventBody) {
        script.add(body, afterMicros: Int64(int(1...5_000)))
        if let event = script.events.last { state.apply(event) }
    }

    /// A valid log of at most `eventsMax` events (a prefix of a longer valid run when it is cut short).
    func stream(eventsMax: Int = 300) -> [Event] {
        emit(.planCreated(plan()))
        emit(.planStarted)
        var roundsLeft = eventsMax * 4
        while script.events.count < eventsMax, roundsLeft > 0 {
            roundsLeft -= 1
            switch state.status {
            case .running:
                runningRound()
            case .paused:
                emit(.planResumed(acknowledged: state.pause?.reason == .acknowledgementRequired))
            case .interrupted:
                emit(.planResumed(acknowledged: false))
            case .failed:
                guard planResumeCount < 1, chance(50), let failed = state.steps.first(where: { $0.status == .failed })
                else { return script.events }
                planResumeCount += 1
                emit(.planResumed(acknowledged: false))
                emit(.stepRetry(step: failed.id, reason: "user asked to resume"))
            case .pending:
                emit(.planStarted)
            case .empty, .done, .cancelled:
                return script.events
            }
        }
        return script.events
    }

    private func runningRound() {
        let ready = state.readySteps
        let running = state.steps.filter { $0.status == .running }
        let uncertain = state.steps.filter { $0.status == .uncertain }
        let failed = state.steps.filter { $0.status == .failed }
        let blocked = state.blockedSteps

        // Actions that move the run forward.
        var actions: [(weight: Int, act: () -> Void)] = []
        if let step = uncertain.first {
            actions.append((8, { self.resolveUncertain(step) }))
        }
        if !ready.isEmpty {
            actions.append((6, { self.start(self.pick(ready)) }))
            actions.append((1, {
                let reason: SkipReason = self.chance(50) ? .alreadySatisfied : .userSkipped
                self.emit(.stepSkipped(step: self.pick(ready), reason: reason, detail: "skip"))
            }))
        }
        if !running.isEmpty {
            actions.append((8, {
                let step = self.pick(running)
                let stream: OutputChannel = self.chance(70) ? .stdout : .stderr
                self.emit(.outputChunk(step: step.id, stream: stream, data: self.chunkData(), redacted: self.chance(10)))
            }))
            actions.append((5, { self.finish(self.pick(running)) }))
        }
        if let (step, root) = blocked.first {
            actions.append((5, { self.skipBlocked(step, root: root) }))
        }
        let progressPossible = !actions.isEmpty

        // Answers to a failure: bounded, so a run with failures still ends.
        var answers: [(weight: Int, act: () -> Void)] = []
        let retryable = failed.filter { $0.attempt < 3 }
        if !retryable.isEmpty {
            answers.append((2, { self.emit(.stepRetry(step: self.pick(retryable).id, reason: "retry")) }))
        }
        if !failed.isEmpty, fixCount < 4 {
            answers.append((2, { self.remediate(self.pick(failed)) }))
        }
        if !failed.isEmpty, chance(30) {
            answers.append((1, {
                let step = self.pick(failed)
                self.emit(.rollbackStarted(step: step.id))
                self.emit(.rollbackDone(step: step.id, succeeded: self.chance(80)))
            }))
        }
        guard progressPossible || (!answers.isEmpty && chance(60)) else {
            endRun()
            return
        }
        actions += answers

        // Things that happen to a run from outside.
        if pauseCount < 2 {
            actions.append((1, {
                self.pauseCount += 1
                let reason: PauseReason = self.chance(50) ? .restartRequired : .acknowledgementRequired
                self.emit(.planPaused(reason: reason, step: self.pick(self.state.steps).id, message: "log out and in"))
            }))
        }
        if interruptionCount < 2 {
            actions.append((1, {
                self.interruptionCount += 1
                self.emit(.planInterrupted(cause: self.chance(50) ? .crashDetected : .signal("SIGINT")))
            }))
        }
        actions.append((1, { self.emit(.checkpoint(self.state)) }))
        actions.append((1, { self.emit(.unknown(type: "future_event")) }))
        if !running.isEmpty, chance(1) {
            actions = [(1, { self.cancel(running) })]
        }

        var roll = int(1...actions.reduce(0) { $0 + $1.weight })
        for action in actions {
            roll -= action.weight
            if roll <= 0 {
                action.act()
                return
            }
        }
    }

    private func start(_ id: StepID) {
        let attempt = (state.step(id)?.attempt ?? 0) + 1
        emit(.stepStarted(step: id, attempt: attempt, command: ["run", id.rawValue]))
    }

    private func finish(_ step: StepState) {
        if chance(75) {
            emit(.stepDone(step: step.id, exitCode: 0, durationMicros: Int64(int(0...10_000)), note: nil))
            return
        }
        emit(.stepFailed(step: step.id, cause: .unexplained("exit", exitCode: chance(90) ? Int32(int(1...255)) : nil), durationMicros: 7))
        if chance(50) {
            let diagnosis = Diagnosis(kind: .packageManagerLocked, confidence: 0.9, evidence: ["lock held"], ruleID: "apt-lock")
            emit(.failureAnalysed(step: step.id, diagnosis: diagnosis))
        }
    }

    private func resolveUncertain(_ step: StepState) {
        switch int(0...2) {
        case 0 where step.attempt < 3: emit(.stepRetry(step: step.id, reason: "uncertain and idempotent"))
        case 1: emit(.stepDone(step: step.id, exitCode: 0, durationMicros: 0, note: "verified after restart"))
        default: emit(.stepFailed(step: step.id, cause: .unexplained("interrupted"), durationMicros: 0))
        }
    }

    /// Names the failed root or, half the time, the failed or skipped direct dependency in between.
    private func skipBlocked(_ id: StepID, root: StepID) {
        var cause = root
        if chance(50), let step = state.plan?.step(id) {
            let direct = step.dependsOn.filter { dependency in
                guard let dependencyState = state.step(dependency) else { return false }
                if dependencyState.status == .failed { return true }
                if case .dependencyFailed = dependencyState.skipReason, dependencyState.status == .skipped { return true }
                return false
            }
            if let first = direct.first { cause = first }
        }
        emit(.stepSkipped(step: id, reason: .dependencyFailed(cause), detail: "\(cause) failed"))
    }

    private func remediate(_ failed: StepState) {
        fixCount += 1
        let newSteps = (0..<int(1...2)).map { _ -> Step in
            fixCount += 1
            return step(StepID("fix\(fixCount)"), dependsOn: [])
        }
        let remediation = Remediation(id: "r\(fixCount)", strategy: .installDep, summary: "install what was missing", steps: newSteps)
        emit(.remediationProposed(step: failed.id, remediations: [remediation], chainDepth: 1))
        emit(.remediationAccepted(step: failed.id, remediationID: remediation.id))
        emit(.remediationApplied(step: failed.id, remediationID: remediation.id, newSteps: newSteps))
    }

    /// What a cancelling orchestrator writes: each running step stopped, then the plan.
    private func cancel(_ running: [StepState]) {
        for step in running {
            emit(.stepFailed(step: step.id, cause: .unexplained("cancelled"), durationMicros: 0))
        }
        emit(.planCancelled(reason: "user pressed ^C twice"))
    }

    private func endRun() {
        if state.isComplete {
            emit(.planDone)
        } else if state.steps.contains(where: { $0.status == .failed }) {
            emit(.planFailed(reason: "a step failed"))
        } else {
            stuckCount += 1
            emit(.planFailed(reason: "stuck"))
        }
    }
}
