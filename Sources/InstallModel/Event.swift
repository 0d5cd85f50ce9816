/// One transition of a plan, as it is stored in the log: a sequence number, a time, and what happened.
public struct Event: Hashable, Sendable {
    /// 1-based, strictly increasing within a plan's log.
    public var sequence: UInt64
    public var time: Timestamp
    public var body: EventBody

    public init(sequence: UInt64, time: Timestamp, body: EventBody) {
        self.sequence = sequence
        self.time = time
        self.body = body
    }

    /// The step this event is about, if any.
    public var stepID: StepID? { body.stepID }
}

/// Which stream an output chunk came from.
public enum OutputChannel: String, Codable, Sendable, CaseIterable {
    case stdout, stderr
}

/// Why a step was skipped.
public enum SkipReason: Hashable, Sendable {
    /// Everything it would install is already there.
    case alreadySatisfied
    /// A step it depends on failed (or was itself skipped for that reason).
    case dependencyFailed(StepID)
    case userSkipped
}

/// Why a plan paused.
public enum PauseReason: String, Codable, Sendable {
    case restartRequired = "restart_required"
    case acknowledgementRequired = "acknowledgement_required"
}

/// Why a plan stopped without finishing.
public enum InterruptionCause: Hashable, Sendable {
    /// SIGINT / SIGTERM: the signal's name.
    case signal(String)
    /// A log found on open with steps started and never finished: the writer died.
    case crashDetected
}

/// Everything that can happen to a plan. Unknown types written by a newer evlog decode as `.unknown`.
///
/// The rare, large payloads (a whole plan, a diagnosis, a state snapshot) are `indirect` so that an
/// event stays small: a log is mostly output chunks, and every event is as large as the largest case.
public enum EventBody: Hashable, Sendable {
    indirect case planCreated(Plan)
    case planStarted
    /// `adjustment`: what remediations changed for this run (timeout, attempts, environment, arguments).
    indirect case stepStarted(step: StepID, attempt: Int, command: [String], adjustment: StepAdjustment? = nil)
    case outputChunk(step: StepID, stream: OutputChannel, data: [UInt8], redacted: Bool)
    /// One command of a step begins (argv redacted, as run, including any `sudo` prefix), with the
    /// process that runs it when evlog started one (nil: simulated, or not started at all).
    case commandStarted(step: StepID, argv: [String], process: ProcessIdentity? = nil)
    /// That command ended; its duration is the time between the two events. `outputOrder` says why its
    /// stdout and stderr chunks are not in the order it wrote them (nil: they are). `timedOut` says whether
    /// evlog stopped it at its timeout (nil: a log from before it was recorded; its exit code cannot tell,
    /// a command may exit 124 by itself).
    case commandFinished(step: StepID, exitCode: Int32, outputOrder: String? = nil, timedOut: Bool? = nil)
    case stepDone(step: StepID, exitCode: Int32, durationMicros: Int64, note: String?)
    /// The step ended without doing its work; `cause` says why, as far as the executor knows.
    indirect case stepFailed(step: StepID, cause: FailureCause, durationMicros: Int64)
    case stepSkipped(step: StepID, reason: SkipReason, detail: String)
    /// A failed or uncertain step is allowed to run again.
    case stepRetry(step: StepID, reason: String)
    indirect case failureAnalysed(step: StepID, diagnosis: Diagnosis)
    /// The remediations offered to the user for a failure, ranked, at a depth of the remediation chain.
    case remediationProposed(step: StepID, remediations: [Remediation], chainDepth: Int)
    case remediationAccepted(step: StepID, remediationID: String)
    /// The remediation's steps are spliced into the plan before the failed step, which runs again —
    /// as `retriedAs` when the remediation changed it (its modifiers applied, or another method's step).
    indirect case remediationApplied(step: StepID, remediationID: String, newSteps: [Step], retriedAs: Step? = nil)
    case planPaused(reason: PauseReason, step: StepID, message: String)
    case planInterrupted(cause: InterruptionCause)
    case planResumed(acknowledged: Bool)
    /// What the step changed in its package manager's package set (read before and after it ran).
    indirect case packageSetChanged(step: StepID, change: PackageSetChange)
    /// The file the step put in place and the SHA-256 of its bytes, read after it wrote them.
    case fileInstalled(step: StepID, file: InstalledFile)
    case rollbackStarted(step: StepID)
    case rollbackDone(step: StepID, succeeded: Bool)
    case planDone
    case planFailed(reason: String)
    case planCancelled(reason: String)
    /// A snapshot of the state folded so far, so a reader can start folding here.
    indirect case checkpoint(PlanState)
    /// A type this version does not know; the fold counts and skips it.
    case unknown(type: String)

    public var stepID: StepID? {
        switch self {
        case .stepStarted(let step, _, _, _), .outputChunk(let step, _, _, _), .stepDone(let step, _, _, _),
            .commandStarted(let step, _, _), .commandFinished(let step, _, _, _),
            .stepFailed(let step, _, _), .stepSkipped(let step, _, _), .stepRetry(let step, _),
            .failureAnalysed(let step, _), .remediationProposed(let step, _, _), .remediationAccepted(let step, _),
            .remediationApplied(let step, _, _, _), .planPaused(_, let step, _), .rollbackStarted(let step),
            .rollbackDone(let step, _), .packageSetChanged(let step, _), .fileInstalled(let step, _):
            step
        case .planCreated, .planStarted, .planInterrupted, .planResumed, .planDone, .planFailed, .planCancelled,
            .checkpoint, .unknown:
            nil
        }
    }

    /// The stable type name used in the encoding and in JSONL (`step_started`).
    public var typeName: String {
        switch self {
        case .planCreated: "plan_created"
        case .planStarted: "plan_started"
        case .stepStarted: "step_started"
        case .outputChunk: "output_chunk"
        case .commandStarted: "command_started"
        case .commandFinished: "command_finished"
        case .stepDone: "step_done"
        case .stepFailed: "step_failed"
        case .stepSkipped: "step_skipped"
        case .stepRetry: "step_retry"
        case .failureAnalysed: "failure_analysed"
        case .remediationProposed: "remediation_proposed"
        case .remediationAccepted: "remediation_accepted"
        case .remediationApplied: "remediation_applied"
        case .planPaused: "plan_paused"
        case .planInterrupted: "plan_interrupted"
        case .planResumed: "plan_resumed"
        case .rollbackStarted: "rollback_started"
        case .rollbackDone: "rollback_done"
        case .packageSetChanged: "package_set_changed"
        case .fileInstalled: "file_installed"
        case .planDone: "plan_done"
        case .planFailed: "plan_failed"
        case .planCancelled: "plan_cancelled"
        case .checkpoint: "checkpoint"
        case .unknown(let type): type
        }
    }

    /// Transitions that must be durable (fsync, and sealed with a host key) before the run goes on; output
    /// and the end of a command ride group commit. `command_started` is one: which command ran is sealed
    /// as soon as it is recorded, so a crash leaves at most a command's output and end unsealed.
    public var isStateTransition: Bool {
        switch self {
        case .outputChunk, .commandFinished: false
        default: true
        }
    }
}
