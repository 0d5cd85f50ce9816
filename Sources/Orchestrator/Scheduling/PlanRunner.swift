import InstallModel

/// How a plan run should behave.
public struct RunSettings: Sendable {
    /// Steps run at once (never two holding the same package-manager lock).
    public var jobs: Int
    /// Apply automatic, ready remediations without asking.
    public var autoRemediate: Bool
    /// Longest remediation chain for one step (ISSUE 7: stop at depth 5).
    public static let remediationDepthMax = 5

    public init(jobs: Int, autoRemediate: Bool = false) {
        self.jobs = max(1, jobs)
        self.autoRemediate = autoRemediate
    }
}

/// Executes a plan as a DAG: starts ready steps (bounded by `jobs`), records every transition, analyses
/// failures, pauses when a step asks for a restart or an acknowledgement, stops cleanly when cancelled.
///
/// What has run is read from the fold (`recorder.state`), never from anywhere else, so a resumed run
/// starts exactly where the log says the last one stopped.
public final class PlanRunner {
    private let recorder: EventRecorder
    private let driver: any ExecutionDriver
    private let analyser: any FailureAnalysing
    private let settings: RunSettings
    private let makeContext: @Sendable (Step, any StepIO) -> ExecutionContext
    /// Where `switch_method` remediations get another method's steps.
    private let alternatives: (any AlternativeMethods)?
    /// Steps whose real form holds a secret the log must not see (`evlog run` of a command that names
    /// the password): the log has them scrubbed (`scrubbed`, as the plan had them when this run began),
    /// execution uses `real`. A step the plan still defines so runs in its real form; one a remediation
    /// changed or replaced since runs as the plan now has it. Only steps the scrub changed are kept: a copy
    /// of every step was two tables of the whole plan (112 MB for 50,000 steps, trust13 #9).
    private let unscrubbedSteps: [StepID: (scrubbed: Step, real: Step)]
    /// The last output of each running step as stored: what a failure is analysed from (never the log read back).
    private let tails = StepOutputTails()
    /// The last command each running step started: the context its failure is analysed in.
    private var lastCommands: [StepID: [String]] = [:]
    /// Per running step, the first of its commands whose output could not be kept in write order: its note says so once.
    private var orderNotes: [StepID: String] = [:]
    private var running: Set<StepID> = []
    private var rollingBack: Set<StepID> = []

    public init(
        recorder: EventRecorder, driver: any ExecutionDriver, analyser: any FailureAnalysing, settings: RunSettings,
        unscrubbedSteps: [Step] = [], alternatives: (any AlternativeMethods)? = nil,
        makeContext: @escaping @Sendable (Step, any StepIO) -> ExecutionContext
    ) {
        self.alternatives = alternatives
        var changed: [StepID: (scrubbed: Step, real: Step)] = [:]
        for step in unscrubbedSteps where changed[step.id] == nil {
            if let scrubbed = recorder.state.plannedStep(step.id), scrubbed != step { changed[step.id] = (scrubbed, step) }
        }
        self.unscrubbedSteps = changed
        self.recorder = recorder
        recorder.addObserver(tails)
        self.driver = driver
        self.analyser = analyser
        self.settings = settings
        self.makeContext = makeContext
    }

    /// Runs until the plan is done, failed, paused, or interrupted (`interruption` requested, or the
    /// calling task cancelled).
    public func run(interruption: Interruption = Interruption()) async throws -> PlanStatus {
        if recorder.state.status == .pending { try recorder.record(.planStarted, at: driver.now) }
        analyser.prepare()
        interruption.attach(driver)
        try await withTaskCancellationHandler {
            try await loop(interruption)
        } onCancel: {
            interruption.request("cancelled")
        }
        if let signal = interruption.requested {
            try recorder.record(.planInterrupted(cause: .signal(signal)), at: driver.now)
            return .interrupted
        }
        return try conclude()
    }

    private func loop(_ interruption: Interruption) async throws {
        while true {
            if interruption.requested == nil { try startReadySteps() }
            if running.isEmpty && rollingBack.isEmpty { return }
            guard let signal = await driver.next() else { return }
            switch signal.kind {
            case .output(let stream, let bytes):
                try recorder.record(.outputChunk(step: signal.step, stream: stream, data: bytes, redacted: false), at: signal.time)
            case .commandStarted(let argv, let process):
                try recorder.record(.commandStarted(step: signal.step, argv: argv, process: process), at: signal.time)
                if tails.isKeeping(signal.step) { lastCommands[signal.step] = argv }
            case .commandFinished(let exitCode, let outputOrder, let timedOut):
                try recorder.record(
                    .commandFinished(step: signal.step, exitCode: exitCode, outputOrder: outputOrder, timedOut: timedOut), at: signal.time)
                if let outputOrder, running.contains(signal.step), orderNotes[signal.step] == nil { orderNotes[signal.step] = "output order: \(outputOrder)" }
            case .packageSetChanged(let change):
                try recorder.record(.packageSetChanged(step: signal.step, change: change), at: signal.time)
            case .fileInstalled(let file):
                try recorder.record(.fileInstalled(step: signal.step, file: file), at: signal.time)
            case .quiet:
                try recorder.releaseQuietOutput(of: signal.step, at: signal.time)
            case .finished(let outcome):
                if rollingBack.remove(signal.step) != nil {
                    try recorder.record(.rollbackDone(step: signal.step, succeeded: outcome.isSuccess), at: signal.time)
                } else {
                    running.remove(signal.step)
                    try finish(signal.step, outcome, at: signal.time)
                }
            }
        }
    }

    /// Starts what the model says is ready, up to `jobs` running: the model keeps its ready set as steps
    /// start and end, so asking costs the steps it gives, whatever the plan's size.
    private func startReadySteps() throws {
        guard recorder.state.plan != nil, running.count < settings.jobs else { return }
        for id in driver.admit(from: recorder.state, slots: settings.jobs - running.count) where running.count < settings.jobs {
            // The recorder's state read afresh each time: a copy held across `record` would copy its step table.
            let planned = recorder.state.plannedStep(id)
            guard let step = unscrubbedSteps[id].flatMap({ $0.scrubbed == planned ? $0.real : nil }) ?? planned,
                let stepState = recorder.state.step(id)
            else { continue }
            let attempt = stepState.attempt < Int.max ? stepState.attempt + 1 : Int.max
            try recorder.record(
                .stepStarted(step: id, attempt: attempt, command: StepExecutors.plannedCommand(of: step), adjustment: step.adjustment),
                at: driver.now)
            running.insert(id)
            tails.begin(id)
            let makeContext = makeContext
            let planCreatedAt = recorder.state.createdAt
            let filesBeforePlan = recorder.state.plan?.environment.flatMap { environment in
                (environment.factsRevision ?? 1) >= FileFacts.pipxVenvsSince ? Set(environment.files.map(\.path)) : nil
            }
            driver.start(id) { io in
                var context = makeContext(step, io)
                context.attempt = attempt
                context.planCreatedAt = planCreatedAt
                context.filesBeforePlan = filesBeforePlan
                if !step.backupBefore.isEmpty {
                    if let failure = Backups.save(step.backupBefore, step: step.id, context: context) { return failure }
                }
                return await Self.runAdjusted(step, context: context)
            }
        }
    }

    /// Runs a step as many times as its adjustment allows, waiting before each run as it says; one run
    /// for a step no remediation changed.
    static func runAdjusted(_ step: Step, context: ExecutionContext) async -> StepOutcome {
        let runs = step.adjustment?.runs ?? 1
        var outcome = StepOutcome.failed(.unexplained("not run"))
        for run in 1...runs {
            if let adjustment = step.adjustment, case let wait = adjustment.waitSeconds(beforeRun: run), wait > 0 {
                context.io.say("waiting \(wait) s before run \(run) of \(runs) (remediation \(adjustment.remediation))")
                await context.io.pause(microseconds: Int64(wait) * 1_000_000)
            }
            outcome = await StepExecutors.execute(step, context: context)
            if case .failed = outcome, run < runs { continue }
            break
        }
        return outcome
    }

    private func finish(_ id: StepID, _ outcome: StepOutcome, at time: Timestamp) throws {
        let started = recorder.state.step(id)?.startedAt ?? time
        let duration = time.microseconds(since: started)
        defer { _ = tails.end(id) }
        let lastCommand = lastCommands.removeValue(forKey: id)
        let orderNote = orderNotes.removeValue(forKey: id)
        guard let plan = recorder.state.plan, let step = recorder.state.plannedStep(id) else { return }
        switch outcome {
        case .done(let exitCode, let note):
            let notes = [note, orderNote].compactMap { $0 }
            try recorder.record(
                .stepDone(step: id, exitCode: exitCode, durationMicros: duration, note: notes.isEmpty ? nil : notes.joined(separator: "; ")), at: time)
            try pauseIfAsked(step, at: time)
        case .skipped(let detail):
            try recorder.record(.stepSkipped(step: id, reason: .alreadySatisfied, detail: detail), at: time)
        case .failed(let cause):
            // Recording the failure releases the output the redaction held back into the tail first.
            try recorder.record(.stepFailed(step: id, cause: cause, durationMicros: duration), at: time)
            let diagnosis = analyse(
                step, command: lastCommand ?? StepExecutors.plannedCommand(of: step), profile: plan.profile, tail: tails.end(id), cause: cause)
            try recorder.record(.failureAnalysed(step: id, diagnosis: diagnosis), at: time)
            let chain = recorder.state.step(id)?.acceptedRemediations ?? []
            let remediations = RemediationProposals.propose(
                for: diagnosis, step: step, plan: plan, chain: chain, analyser: analyser, alternatives: alternatives)
            try recorder.record(.remediationProposed(step: id, remediations: remediations, chainDepth: chain.count), at: time)
            try startRollbackIfSafe(step, at: time)
            if try !remediateAutomatically(step, remediations, chain: chain, at: time) {
                try skipBlockedDependents(at: time)
            }
        case .interrupted:
            // Cancelled mid-step: the fold keeps it running until `plan_interrupted` makes it uncertain.
            break
        }
    }

    /// Analyses a failed step: a cause the executor knew is taken as-is; otherwise the rules read the
    /// step's output tail, kept in memory while it ran, of the command that decided the failure. Steps that succeed pay nothing but the tail's copy.
    private func analyse(_ step: Step, command: [String], profile: SystemProfile, tail: StepOutputTail?, cause: FailureCause) -> Diagnosis {
        let session = analyser.makeSession(for: step, command: command, profile: profile)
        if cause.kind == nil { tail?.forEachEvidence(ofFailureWith: cause.exitCode) { stream, bytes in session.feed(stream, bytes) } }
        return session.finish(cause: cause)
    }

    private func pauseIfAsked(_ step: Step, at time: Timestamp) throws {
        if case .notification(let p) = step.action, p.requiresAcknowledgement {
            try recorder.record(.planPaused(reason: .acknowledgementRequired, step: step.id, message: p.message), at: time)
        } else if step.restartRequired != .none && step.restartRequired != .shell {
            // A new shell matters only to the user's own later commands (the plan's steps get PATH
            // from evlog), so it never stops a run: the step's note says it, and the end of the run repeats it.
            let message = "restart your \(step.restartRequired.rawValue) before continuing (\(step.label))"
            try recorder.record(.planPaused(reason: .restartRequired, step: step.id, message: message), at: time)
        }
    }

    /// A failed step with rollback steps: low and medium risk roll back by themselves; higher risk is
    /// left to the user (its rollback is listed by `what-failed`).
    private func startRollbackIfSafe(_ step: Step, at time: Timestamp) throws {
        guard !step.rollback.isEmpty, step.risk <= .medium else { return }
        try recorder.record(.rollbackStarted(step: step.id), at: time)
        rollingBack.insert(step.id)
        let rollback = step.rollback
        let makeContext = makeContext
        driver.start(step.id) { io in
            for undo in rollback {
                let outcome = await StepExecutors.execute(undo, context: makeContext(undo, io))
                if !outcome.isSuccess { return outcome }
            }
            return .done(exitCode: 0, note: nil)
        }
    }

    /// With `--remediate`, applies the best automatic, ready remediation (within the chain limits).
    private func remediateAutomatically(_ step: Step, _ remediations: [Remediation], chain: [String], at time: Timestamp) throws -> Bool {
        guard settings.autoRemediate, chain.count < RunSettings.remediationDepthMax,
            let choice = remediations.first(where: { $0.automatic && $0.availability.isReady && !chain.contains($0.id) })
        else { return false }
        let fixes = try Remediations.apply(choice, to: step.id, recorder: recorder, at: time)
        for body in FixStepOrdering.events(after: fixes, remediationID: choice.id, in: recorder.state, willRun: { $0 == .pending }) {
            try recorder.record(body, at: time)
        }
        return true
    }

    private func skipBlockedDependents(at time: Timestamp) throws {
        for (step, failed) in recorder.state.blockedSteps {
            try recorder.record(.stepSkipped(step: step, reason: .dependencyFailed(failed), detail: "\(failed) failed"), at: time)
        }
    }

    private func conclude() throws -> PlanStatus {
        let state = recorder.state
        switch state.status {
        case .paused, .done, .failed, .cancelled, .interrupted: return state.status
        case .empty, .pending, .running: break
        }
        if state.isComplete {
            try recorder.record(.planDone, at: driver.now)
            return .done
        }
        let failed = state.steps.filter { $0.status == .failed }.map(\.id.rawValue)
        let stuck = state.steps.filter { $0.status == .pending || $0.status == .uncertain }.map(\.id.rawValue)
        // With nothing failed or waiting, what keeps the plan from done is steps skipped for a step they need.
        let cut = state.steps.filter { $0.status == .skipped && $0.isDependencySkip }.map(\.id.rawValue)
        let reason =
            !failed.isEmpty ? "failed: " + failed.joined(separator: ", ")
            : !stuck.isEmpty ? "steps cannot run: " + stuck.joined(separator: ", ")
            : "skipped, as a step they need did not run: " + cut.joined(separator: ", ")
        try recorder.record(.planFailed(reason: reason), at: driver.now)
        return .failed
    }
}

extension StepOutcome {
    var isSuccess: Bool {
        switch self {
        case .done, .skipped: true
        case .failed, .interrupted: false
        }
    }
}
