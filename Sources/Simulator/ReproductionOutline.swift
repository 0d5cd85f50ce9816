import EventLog
import InstallModel
import Orchestrator

/// What a reproduction needs to know of a log before it replays it, read in one streaming pass: the plan
/// as created, its sessions (each run of `install`, `resume` or `remedy`, with what the user decided
/// before it ran and how it ended), how commands that failed ended, and whether anything stands in the way.
///
/// Holds no output: a log's size does not change its size (a few values per session and per failure).
public struct ReproductionOutline: Sendable {
    /// The plan as `plan_created` recorded it.
    public var plan: Plan
    /// When `plan_created` was recorded: the reproduction's clock starts there.
    public var createdAt: Timestamp
    public var sessions: [Session]
    /// How commands ended where their exit code alone does not say (a timeout, a signal, a program not
    /// found, a command never run, an interruption), by the sequence number of their `command_finished`.
    public var terminations: [UInt64: CommandTermination]
    /// Programs the log shows running by their path (`/root/.local/bin/yamllint`): they were there, so a
    /// reproduction's filesystem has them (a verify step looks for a binary off PATH there).
    public var programs: Set<String>
    /// What each apt step found and left in dpkg's database, as its log recorded it: a reproduction's machine
    /// has those packages (`SimulatedPackageDatabase`).
    public var packageChanges: [RecordedPackageChange] = []
    /// pipx steps that found their venv half-made (an install killed while pipx made it: the step then ran
    /// `pipx install --force`), by the sequence number of their `step_started`, with the venv's name.
    public var halfMadeVenvs: [UInt64: String] = [:]
    /// The first step the log started, when its `step_started` names another command than this evlog names for
    /// that step (`StepExecutors.plannedCommand`): an older evlog wrote it (the rendering fixtures of 2026-11-25 name
    /// a packages step's `apt-get install` there, where this evlog names none).
    public var olderStartedCommand: (step: StepID, recorded: [String], current: [String])?
    /// Files a step checksummed before it fetched them in that attempt (`sha256sum FILE` before `curl -o FILE`): they
    /// were on disk when it started, left by an earlier attempt's fetch that did not finish (repro13 F11: a release
    /// download interrupted part way, then resumed, checksums the partial archive first).
    public var filesPresentBeforeFetch: Set<String> = []
    /// The first step that failed in evlog's own file work, not in a command (a write of `~/.bashrc` refused with
    /// EACCES): its failure, for the why of a difference when the reproduction did not fail there (repro20 #5).
    public var ownFileFailure: (step: StepID, reason: String)?
    /// Every such failure, by the sequence number of its attempt's `step_started`: a reproduction gives the recorded
    /// errors again (`RecordedFileFailures`).
    public var ownFileFailures: [UInt64: String] = [:]

    /// One run of the plan in one evlog process.
    public struct Session: Sendable {
        /// Events recorded before the runner started, as the user's decisions: `resume` (a crash found,
        /// steps retried, an acknowledgement) or `remedy` (a remediation applied). Copied as they are.
        public var inputs: [Event] = []
        /// Whether the runner ran: not when the plan was declined at the prompt or a remedy was withdrawn.
        public var runs = false
        /// The sequence number of the session's last event.
        public var lastSequence: UInt64 = 0
        public var end: End = .crashed
        /// For an interrupted session: the signal arrives before the event with this sequence number is
        /// replayed (the first of the commands' last output and exits, which come after the signal).
        public var interruptBefore: UInt64?
        /// Whether the runner applied remediations by itself (`--remediate`).
        public var remediatesAutomatically = false

        /// The signal that cancelled the plan at its confirmation prompt, when one did.
        public var promptSignal: String? {
            inputs.lazy.compactMap { event -> String? in
                guard case .planCancelled(let reason) = event.body else { return nil }
                return PlanSession.promptSignal(cancelling: reason)
            }.first
        }
    }

    /// How a session ended.
    public enum End: Sendable, Equatable {
        /// Done, failed, paused or cancelled, by the runner's own account.
        case concluded
        /// A signal (SIGINT, SIGTERM) stopped it.
        case interrupted(signal: String)
        /// The log stops without an end: the process died (kill -9, power loss) and a later `resume` found it.
        case crashed
    }

    /// Why a log cannot be reproduced, precisely.
    public struct Obstacle: Error, Equatable, CustomStringConvertible {
        public var description: String
        public init(_ description: String) { self.description = description }
    }

    /// Reads `log` once, streamed. Besides `read(_ events:)`'s obstacles: records that do not decode as
    /// events this evlog knows (another evlog's, e.g. a `command_started` without its argv) would leave
    /// holes in the replay, and so would damage with bytes after it (a flipped bit, an edit: what
    /// follows is not read), so they stop it. A torn tail (the writer died mid-append) is where the
    /// log ends: `stopReason` says so, and the part before it is reproduced.
    /// `observingRecords` sees every record the pass reads, in order (`PlanEventStream.recordObserver`).
    public static func read(
        _ log: PlanLog, observingRecords observer: ((LogHeader, UnsafeRawBufferPointer) -> Void)? = nil
    ) throws(Obstacle) -> (outline: ReproductionOutline, stopReason: String?) {
        let stream: PlanEventStream
        do {
            stream = try log.events()
        } catch {
            throw Obstacle(error.description)
        }
        stream.recordObserver = observer
        let outline: ReproductionOutline
        do {
            outline = try read(stream)
        } catch {
            // Damage before the plan's record hides it, and so does a plan_created this evlog cannot read: say
            // where or why, not that the log holds none.
            guard let damage = stream.damage else { throw undecodable(stream) ?? error }
            throw Obstacle("it is \(damage.summary): \(damage.reason), before its plan_created record could be read (see `evlog verify`)")
        }
        if let damage = stream.damage, !damage.isTornTail {
            throw Obstacle(
                "it is \(damage.summary): \(damage.reason); what follows the damage is not read, so a match of the part before it would prove nothing (see `evlog verify`)")
        }
        if let undecodable = undecodable(stream) { throw undecodable }
        return (outline, stream.stopReason)
    }

    /// Which evlog wrote the log and what the first record it does not decode lacks (e.g. a command_started from
    /// before it carried argv), when there is such a record.
    private static func undecodable(_ stream: PlanEventStream) -> Obstacle? {
        guard stream.undecodableRecords > 0, let first = stream.firstUndecodable else { return nil }
        return Obstacle(
            "it was written by \(stream.writtenBy), and \(stream.undecodableRecords) of its records do not decode as events this evlog knows "
                + "(the first\(first.type.map { ", a \($0)" } ?? ""): \(first.reason)), so a replay would miss what they recorded")
    }

    /// Reads `events` once. Throws an `Obstacle` when the log holds no plan, or an event of a type this
    /// evlog does not know.
    public static func read(_ events: some Sequence<Event>) throws(Obstacle) -> ReproductionOutline {
        var reading = Reading()
        for event in events { reading.apply(event) }
        return try reading.finish()
    }
}

/// The state of one pass over a log (`ReproductionOutline.read`).
private struct Reading {
    var plan: Plan?
    var createdAt = Timestamp(microseconds: 0)
    var sessions: [ReproductionOutline.Session] = []
    var current = ReproductionOutline.Session()
    /// Whether the current session's runner part has begun (its inputs are over).
    var running = false
    /// Whether the current session ended by the runner's own account (what follows is the next one's inputs).
    var ended = false
    var terminations: [UInt64: CommandTermination] = [:]
    var programs: Set<String> = []
    var packageChanges: [RecordedPackageChange] = []
    /// Each running step's `step_started` and the argv of its last command, for a `package_set_changed` of it.
    var lastStarted: [StepID: UInt64] = [:]
    var lastArgv: [StepID: [String]] = [:]
    var halfMadeVenvs: [UInt64: String] = [:]
    /// Whether the log's first `step_started` was compared with this evlog's (`olderStartedCommand`).
    var firstStartChecked = false
    var filesPresentBeforeFetch: Set<String> = []
    /// The files each step fetched (`curl -o FILE`) in its current attempt.
    var fetchedInAttempt: [StepID: Set<String>] = [:]
    var olderStartedCommand: (step: StepID, recorded: [String], current: [String])?
    var ownFileFailure: (step: StepID, reason: String)?
    var ownFileFailures: [UInt64: String] = [:]
    /// Steps remediations added or retried as, beside the plan's own.
    var addedSteps: [StepID: Step] = [:]
    /// Steps whose running command got no process (not found, or a simulation's).
    var startedWithoutProcess: Set<StepID> = []
    /// The last `command_finished` of each step, until the step's next event says how it ended.
    var lastFinished: [StepID: (sequence: UInt64, exitCode: Int32)] = [:]
    /// The first sequence number of the trailing run of command events (where an interruption's effects begin).
    var tailStart: UInt64?
    /// The step whose remediation the run accepted in the event before (a `step_retry` of it follows).
    var accepted: StepID?
    /// Steps of the current session started and not yet ended.
    var open: Set<StepID> = []
    /// The session paused while `open` steps still ran: it ends when they have.
    var pausing = false
    /// The first event of a type this evlog does not know: what it recorded cannot be replayed.
    var unknown: (sequence: UInt64, type: String)?
    /// The first event recorded where no run was going on that is not a decision (`isDecision`): before
    /// the plan started, or after a run ended and before the next one (e.g. output after `plan_done`).
    var outsideRun: (sequence: UInt64, type: String)?
    /// The log's events folded as they come, to hold each checkpoint against (repro22 #3).
    var folded = PlanState()
    /// The first checkpoint whose plan, status or steps the events before it do not give: an edit a reader starting
    /// there would show, while a replay of the events would not.
    var checkpointDisagreeing: UInt64?

    /// Whether a checkpoint's state is what the events before it fold to, in what a reader shows: the plan, its
    /// status, and each step's status, attempt and exit code.
    static func agrees(_ checkpoint: PlanState, _ folded: PlanState) -> Bool {
        checkpoint.plan == folded.plan && checkpoint.status == folded.status
            && checkpoint.steps.map { [$0.id.rawValue, "\($0.status)", "\($0.attempt)", "\($0.exitCode.map(String.init) ?? "-")"] }
                == folded.steps.map { [$0.id.rawValue, "\($0.status)", "\($0.attempt)", "\($0.exitCode.map(String.init) ?? "-")"] }
    }

    mutating func apply(_ event: Event) {
        if case .checkpoint(let snapshot) = event.body, folded.eventCount > 0, checkpointDisagreeing == nil, !Reading.agrees(snapshot, folded) {
            checkpointDisagreeing = event.sequence
        }
        folded.apply(event)
        switch event.body {
        case .checkpoint:
            return
        case .unknown(let type):
            if unknown == nil, !PlanLog.recordTypesBesideEvents.contains(type) { unknown = (event.sequence, type) }
            return
        case .planCreated(let created):
            if plan == nil { (plan, createdAt) = (created, event.time) }
            current.lastSequence = event.sequence
            return
        default:
            break
        }
        // A retry right after the run accepted a remediation for that step is that remediation, not a new process.
        let retriesAccepted = if case .stepRetry(let step, _) = event.body { step == accepted } else { false }
        accepted = nil
        if ended || (running && Reading.beginsSession(event.body) && !retriesAccepted) { startSession() }
        if !running, !Reading.isDecision(event.body), outsideRun == nil { outsideRun = (event.sequence, event.body.typeName) }
        if !running {
            current.inputs.append(event)
            current.lastSequence = event.sequence
            if case .planResumed = event.body { running = true; current.runs = true }
            if case .planCancelled = event.body { ended = true; current.end = .concluded }
            if case .planStarted = event.body { current.inputs.removeLast(); running = true; current.runs = true }
            return
        }
        current.lastSequence = event.sequence
        noteCommand(event)
        if !firstStartChecked, case .stepStarted(let id, _, let command, nil) = event.body, let step = plan?.step(id) {
            // Once, for the first start of a planned step: a scan of the plan for every start would be quadratic.
            firstStartChecked = true
            let current = StepExecutors.plannedCommand(of: step)
            if command != current { olderStartedCommand = (id, command, current) }
        }
        switch event.body {
        case .outputChunk, .commandStarted, .commandFinished:
            if tailStart == nil { tailStart = event.sequence }
            return
        case .planInterrupted(.signal(let name)):
            current.end = .interrupted(signal: name)
            current.interruptBefore = tailStart ?? event.sequence
            for (_, finished) in lastFinished where finished.exitCode == CommandResult(termination: .cancelled).exitCode {
                terminations[finished.sequence] = .cancelled
            }
            ended = true
        case .stepStarted(let step, _, _, _):
            open.insert(step)
        case .stepDone(let step, _, _, _), .stepFailed(let step, _, _), .stepSkipped(let step, _, _):
            open.remove(step)
            if pausing, open.isEmpty { ended = true }
        case .planPaused:
            // The steps still running when a step asks for a pause finish first, in the same session.
            current.end = .concluded
            pausing = !open.isEmpty
            ended = open.isEmpty
        case .planDone, .planFailed, .planCancelled:
            current.end = .concluded
            ended = true
        case .remediationApplied:
            current.remediatesAutomatically = true
        case .remediationAccepted(let step, _):
            current.remediatesAutomatically = true
            accepted = step
        default:
            break
        }
        tailStart = nil
    }

    /// What a process records before its run, as the user's decisions: starting, declining, a crash
    /// found, steps retried, a remediation applied or a step skipped by `remedy`, resuming.
    static func isDecision(_ body: EventBody) -> Bool {
        switch body {
        case .planStarted, .planCancelled, .planInterrupted(.crashDetected), .stepRetry, .planResumed, .remediationAccepted, .remediationApplied:
            true
        case .stepSkipped(_, .userSkipped, _): true
        default: false
        }
    }

    /// Events only a new evlog process records (`resume` finding a crash, retrying, resuming): in a runner
    /// part they mean the process before died.
    static func beginsSession(_ body: EventBody) -> Bool {
        switch body {
        case .planInterrupted(.crashDetected), .stepRetry, .planResumed: true
        default: false
        }
    }

    mutating func startSession() {
        if current.runs || !current.inputs.isEmpty { sessions.append(current) }
        current = ReproductionOutline.Session()
        running = false
        ended = false
        pausing = false
        open = []
        tailStart = nil
        lastFinished = [:]
    }

    /// Keeps what says how each command ended.
    /// A fetch to a file, or a checksum of one the attempt has not fetched (`filesPresentBeforeFetch`).
    mutating func noteFile(_ step: StepID, ran command: [String]) {
        if command.first == "curl", let option = command.firstIndex(of: "-o"), option + 1 < command.count {
            fetchedInAttempt[step, default: []].insert(command[option + 1])
        } else if command.count == 2, command[0] == "sha256sum", !(fetchedInAttempt[step]?.contains(command[1]) ?? false) {
            filesPresentBeforeFetch.insert(command[1])
        }
    }

    mutating func noteCommand(_ event: Event) {
        switch event.body {
        case .stepStarted(let step, _, _, _):
            lastStarted[step] = event.sequence
            fetchedInAttempt[step] = nil
        case .packageSetChanged(let step, let change) where change.manager == .apt:
            if let started = lastStarted[step], let finished = lastFinished[step], let argv = lastArgv[step] {
                packageChanges.append(
                    RecordedPackageChange(
                        startedSequence: started, finishedSequence: finished.sequence, commandLine: Array(SimulatedRunner.command(argv)),
                        change: change))
            }
        case .remediationApplied(_, _, let newSteps, let retriedAs):
            for added in newSteps + (retriedAs.map { [$0] } ?? []) { addedSteps[added.id] = added }
        case .commandStarted(let step, let argv, let process):
            lastArgv[step] = argv
            noteFile(step, ran: Array(SimulatedRunner.command(argv)))
            if let started = lastStarted[step], let venv = halfMadeVenv(step, ran: argv) { halfMadeVenvs[started] = venv }
            lastFinished[step] = nil
            if process == nil { startedWithoutProcess.insert(step) } else { startedWithoutProcess.remove(step) }
            if let program = SimulatedRunner.command(argv).first, program.hasPrefix("/") { programs.insert(program) }
        case .commandFinished(let step, let exitCode, _, _):
            lastFinished[step] = (event.sequence, exitCode)
            // No process ran it and it ended as a shell's "not found": the program was missing.
            if startedWithoutProcess.contains(step), exitCode == CommandResult(termination: .notFound).exitCode {
                terminations[event.sequence] = .notFound
            }
        case .stepFailed(let step, let cause, _):
            // No command ended it and its reason is a system call's error (evlog's own words: "…: Permission denied (errno 13)").
            if lastFinished[step] == nil, cause.exitCode == nil, cause.message.contains("(errno "), let started = lastStarted[step] {
                if ownFileFailure == nil { ownFileFailure = (step, cause.message) }
                ownFileFailures[started] = cause.message
            }
            if let finished = lastFinished.removeValue(forKey: step),
                let termination = Reading.termination(exitCode: finished.exitCode, cause: cause, command: lastArgv[step] ?? [])
            {
                terminations[finished.sequence] = termination
            }
        case .stepDone(let step, _, _, _), .stepSkipped(let step, _, _), .rollbackDone(let step, _):
            lastFinished[step] = nil
        default:
            break
        }
    }

    /// The venv a pipx step found half-made, by what it ran: `pipx install --force` where its own command has no
    /// `--force` (the executor adds it only for a half-made venv).
    func halfMadeVenv(_ id: StepID, ran argv: [String]) -> String? {
        guard case .tool(let parameters)? = (addedSteps[id] ?? plan?.steps.first { $0.id == id })?.action,
            parameters.installer == .pipx, let package = parameters.package, let own = parameters.installArgv,
            !own.contains("--force"), SimulatedRunner.command(argv).starts(with: ["pipx", "install", "--force"])
        else { return nil }
        return PipxVenvName.bare(package)
    }

    /// The termination behind a failed step's last exit code, when it was not a plain exit: the one
    /// whose failure has the recorded cause's kind, signal and exit code. One that a plain exit of the same code
    /// cannot be told from by those (a program there but not executable, 126, and a command that exited 126 itself:
    /// repro22 #8) is taken only when its words, for the step's last `command`, are the recorded ones.
    static func termination(exitCode: Int32, cause: FailureCause, command: [String]) -> CommandTermination? {
        let candidates: [CommandTermination] = [.timedOut, .notFound, .notExecutable, .notRun(reason: cause.message)] + (cause.signal.map { [.signaled($0)] } ?? [])
        let recorded = { (failure: FailureCause) in (failure.kind, failure.signal, failure.exitCode) == (cause.kind, cause.signal, cause.exitCode) }
        let plainExit: FailureCause? = if case .failed(let plain)? = StepOutcome(failureOf: CommandResult(termination: .exited(exitCode)), command: command) { plain } else { nil }
        return candidates.first { candidate in
            let result = CommandResult(termination: candidate)
            guard result.exitCode == exitCode, case .failed(let expected)? = StepOutcome(failureOf: result, command: command), recorded(expected) else { return false }
            guard let plainExit, recorded(plainExit) else { return true }
            // The words as the runner gave them, for the command as recorded or as run under sudo's wrapper.
            let words = [command, Array(SimulatedRunner.command(command))].compactMap { argv -> String? in
                if case .failed(let failure)? = StepOutcome(failureOf: result, command: argv) { failure.message } else { nil }
            }
            return words.contains(cause.message)
        }
    }

    mutating func finish() throws(ReproductionOutline.Obstacle) -> ReproductionOutline {
        guard let plan else { throw .init("the log holds no plan_created event, so there is no plan to reproduce") }
        do {
            _ = try PlanGraph(steps: plan.steps)
        } catch {
            throw .init("its plan cannot have run as recorded: \(error.description)")
        }
        if let outsideRun {
            throw .init(
                "its event \(outsideRun.sequence) (\(outsideRun.type)) is recorded where no run was going on (before the plan started, or after a run ended with no resume), so there is no run to replay it in")
        }
        if let checkpointDisagreeing {
            throw .init(
                "its checkpoint at event \(checkpointDisagreeing) does not agree with the events before it (its plan, status or steps are not "
                    + "what they record): the log was edited, and readers that start at the checkpoint show what it says (see `evlog verify`)")
        }
        if let unknown, unknown.type == NotSealedMark.key {
            // repro22 #9: evlog's own record, not a newer evlog's: say what it is.
            throw .init(
                "its event \(unknown.sequence) is one `evlog import` kept apart as not sealed (the export marked it `not_sealed`: no seal of the original covered it, "
                    + "as after a crash on a host with a key), so what it recorded cannot be replayed; reproduce the original log itself (`evlog bundle` sends it whole)")
        }
        if let unknown {
            throw .init(
                "its event \(unknown.sequence) has the type '\(unknown.type)', which this evlog does not know (written by a newer evlog?), so a replay would miss what it recorded")
        }
        // The process that created the plan is a session even when the log ends at its plan_created (killed at the
        // confirmation prompt, repro13 F1): it is reproduced up to there, as a session that ended open.
        if current.runs || !current.inputs.isEmpty || sessions.isEmpty { sessions.append(current) }
        return ReproductionOutline(
            plan: plan, createdAt: createdAt, sessions: sessions, terminations: terminations, programs: programs, packageChanges: packageChanges,
            halfMadeVenvs: halfMadeVenvs, olderStartedCommand: olderStartedCommand, filesPresentBeforeFetch: filesPresentBeforeFetch,
            ownFileFailure: ownFileFailure, ownFileFailures: ownFileFailures)
    }
}
