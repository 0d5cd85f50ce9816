import InstallModel
import Orchestrator
import Synchronization

/// The driver of a reproduction: steps start in the order the original log started them, and each
/// step's signals are handed back in the order the log recorded them, one per recorded event, stamped
/// with its time. So any schedule — steps in parallel, their output interleaved — replays as it happened.
///
/// The step bodies are the real executors. When one runs a command, its `ReplayRunner` asks this
/// driver for what the log recorded next for the step (`recorded()`), which the driver hands over only
/// as it reaches that event: nothing of the log is held but the event at hand.
///
/// One driver serves one session (`ReproductionOutline.Session`): at its last event it stops; a session
/// that a signal interrupted gets the signal (through `interruption`) where the log shows its effects begin.
public final class ReplayDriver: ExecutionDriver, @unchecked Sendable {
    /// What a replayed command gets from the log: a piece of its output, or how it ended.
    public enum Recorded: Sendable {
        case output(OutputChannel, [UInt8])
        /// How the command ended, how long it ran (from its `command_started`, when the log has one), and why the
        /// order of its output was not known when it was recorded (`output_order`, a fact of the recording that the
        /// replay cannot see again: repro20 #1).
        case finished(CommandTermination, ranMicros: Int64?, outputOrder: String? = nil)
    }

    /// The step whose body is running in the current task (set by `start`), for `ReplayRunner`.
    @TaskLocal static var currentStep: StepID?

    private struct Run {
        /// Signals the body emitted that the driver has not handed out.
        var signals: [StepSignal] = []
        /// Recorded output and exits the body's command has not taken yet.
        var mailbox: [Recorded] = []
        var runnerWaiting: CheckedContinuation<Recorded?, Never>?
        var driverWaiting: CheckedContinuation<Void, Never>?
        /// Whether the log shows a command of the step running (its output goes to the command).
        var commandOpen = false
        /// When the log shows the step's running command start.
        var commandStartedAt: Timestamp?
        /// Given up at the end of a session: what the body still does is not recorded.
        var abandoned = false

        /// The body has something to say, or waits for the log.
        var settled: Bool { !signals.isEmpty || runnerWaiting != nil }
    }

    private let schedule: RecordedSchedule
    private let session: ReproductionOutline.Session
    private let terminations: [UInt64: CommandTermination]
    private let clock: VirtualClock
    private let interruption: Interruption
    private let packageDatabase: SimulatedPackageDatabase?
    private let fileFailures: RecordedFileFailures?
    private let diverged: @Sendable (String) -> Void
    private let runs = Mutex<[StepID: Run]>([:])
    private var interrupted = false
    /// The step and stream whose output was handed out last, until the log shows something else next.
    private var lastOutput: (step: StepID, stream: OutputChannel)?

    /// `diverged` is told, in words, where the reproduction left the recorded schedule (the comparison
    /// then reports it); the driver stops handing out signals after that. `packageDatabase` is told where the
    /// log reaches a step's start and a command's end, so the packages are as the original found and left them;
    /// `fileFailures` where a step's attempt starts, so its recorded file errors are given to that attempt.
    public init(
        schedule: RecordedSchedule, session: ReproductionOutline.Session, terminations: [UInt64: CommandTermination],
        clock: VirtualClock, interruption: Interruption, packageDatabase: SimulatedPackageDatabase? = nil,
        fileFailures: RecordedFileFailures? = nil, diverged: @escaping @Sendable (String) -> Void
    ) {
        self.schedule = schedule
        self.session = session
        self.terminations = terminations
        self.clock = clock
        self.interruption = interruption
        self.packageDatabase = packageDatabase
        self.fileFailures = fileFailures
        self.diverged = diverged
    }

    public var now: Timestamp { clock.now() }

    public func cancelAll() {}

    public func admit(from state: PlanState, slots: Int) -> [StepID] {
        // Output a step still holds goes out (`next()`, `releaseBefore`) before a step starts after it.
        guard lastOutput == nil else { return [] }
        var admitted: [StepID] = []
        var taken = Set<StepID>()
        while let event = nextOfSession() {
            if case .stepStarted(let step, _, _, _) = event.body {
                guard admitted.count < slots, state.isReady(step), taken.insert(step).inserted else { break }
                admitted.append(step)
                packageDatabase?.stepStarted(at: event.sequence)
                fileFailures?.stepStarted(step, at: event.sequence)
            } else if ReplayDriver.isSignal(event.body) || changesPackagesOfARunningStep(event) {
                break
            } else if let lost = lostEnd(event) {
                _ = stop(lost)
                return []
            }
            schedule.advance()
        }
        return admitted
    }

    public func start(_ step: StepID, body: @escaping StepBody) {
        runs.withLock { $0[step] = Run() }
        let io = SignallingStepIO(step: step, timeSource: { [clock] _ in clock.now() }) { [weak self] signal in
            self?.deliver(signal)
        }
        Task {
            await ReplayDriver.$currentStep.withValue(step) {
                io.finish(await body(io))
            }
        }
    }

    public func next() async -> StepSignal? {
        while let event = nextOfSession() {
            if let quiet = releaseBefore(event) { return quiet }
            if case .stepStarted(let step, _, _, _) = event.body {
                return stop("the original started step \(step) here; the reproduction did not (it was not ready, or a step it waits for ended otherwise)")
            }
            if changesPackagesOfARunningStep(event), let step = event.stepID {
                schedule.advance()
                await settle(step)
                if var signal = takeSignal(of: step, where: ReplayDriver.isPackageSetChange) {
                    signal.time = event.time
                    return signal
                }
                continue
            }
            guard ReplayDriver.isSignal(event.body), let step = event.stepID else {
                if let lost = lostEnd(event) { return stop(lost) }
                schedule.advance()
                continue
            }
            guard runs.withLock({ $0[step] != nil }) else {
                return stop("the original shows step \(step) running here (\(event.body.typeName)); the reproduction was not running it")
            }
            schedule.advance()
            clock.advance(to: event.time)
            feed(step, event)
            guard var signal = await nextSignal(of: step) else {
                abandon(step)
                let cause = FailureCause.unexplained(
                    "reproduction: the step waited for output of a command where the original recorded \(event.body.typeName)")
                return StepSignal(step: step, time: event.time, kind: .finished(.failed(cause)))
            }
            signal.time = event.time
            if case .output(let stream, _) = signal.kind { lastOutput = (step, stream) }
            return signal
        }
        return endOfSession()
    }

    /// The recorded schedule of output: where the log goes on with anything but more of the same step's output on
    /// the same stream, the original had recorded every byte of that output so far (what it held back as a
    /// possible secret, an unfinished word, went out when the step went quiet: `QuietOutputWatch`). The step gets
    /// that quiet moment here, so its held bytes are recorded before the event that follows them in the log, not
    /// after (repro12 F5: curl's progress meter ending in a lone `0` held while `apt-get update` printed).
    private func releaseBefore(_ event: Event) -> StepSignal? {
        guard let last = lastOutput else { return nil }
        if case .outputChunk(last.step, last.stream, _, _) = event.body { return nil }
        lastOutput = nil
        return StepSignal(step: last.step, time: clock.now(), kind: .quiet)
    }

    /// Called by a replayed command: the next output or exit the log recorded for the running step's
    /// command, as the driver reaches it; nil once the step is abandoned (the command ends as cancelled).
    func recorded() async -> Recorded? {
        guard let step = ReplayDriver.currentStep else { return nil }
        return await withCheckedContinuation { continuation in
            let (ready, wake) = runs.withLock { runs -> (Recorded??, CheckedContinuation<Void, Never>?) in
                guard var run = runs[step], !run.abandoned else { return (.some(nil), nil) }
                if !run.mailbox.isEmpty {
                    let item = run.mailbox.removeFirst()
                    runs[step] = run
                    return (.some(item), nil)
                }
                run.runnerWaiting = continuation
                let wake = run.driverWaiting
                run.driverWaiting = nil
                runs[step] = run
                return (nil, wake)
            }
            wake?.resume()
            if let ready { continuation.resume(returning: ready) }
        }
    }

    /// The log's account of a command cannot be right (`RecordedTimeout`): the next event compared reports it.
    func contradicted(_ reason: String) { diverged(reason) }

    /// Gives up every step still running (the reproduction ended): their commands end as cancelled.
    public func abandonAll() {
        for step in runs.withLock({ Array($0.keys) }) { abandon(step) }
    }

    /// The next event of this session, after delivering the session's signal once its effects begin.
    private func nextOfSession() -> Event? {
        guard let event = schedule.peek(), event.sequence <= session.lastSequence else { return nil }
        if let cut = session.interruptBefore, event.sequence >= cut, !interrupted, case .interrupted(let signal) = session.end {
            interrupted = true
            interruption.request(signal)
        }
        return event
    }

    /// At the session's end: an interrupted session's steps end as interrupted, as the log shows them
    /// (nothing more of them was recorded); a crashed session just stops, as the process did.
    private func endOfSession() -> StepSignal? {
        if case .interrupted(let signal) = session.end, !interrupted {
            interrupted = true
            interruption.request(signal)
        }
        guard session.end != .crashed, let step = runs.withLock({ $0.keys.sorted().first }) else { return nil }
        abandon(step)
        return StepSignal(step: step, time: clock.now(), kind: .finished(.interrupted))
    }

    private func stop(_ reason: String) -> StepSignal? {
        diverged(reason)
        abandonAll()
        return nil
    }

    /// Passes a recorded event on to the step's command (its output and exit; what the body says
    /// itself, outside a command, the body emits on its own).
    private func feed(_ step: StepID, _ event: Event) {
        var item: Recorded?
        switch event.body {
        case .commandStarted:
            runs.withLock {
                $0[step]?.commandOpen = true
                $0[step]?.commandStartedAt = event.time
            }
        case .outputChunk(_, let stream, let data, _):
            if runs.withLock({ $0[step]?.commandOpen ?? false }) { item = .output(stream, data) }
        case .commandFinished(_, let exitCode, let outputOrder, let timedOut):
            packageDatabase?.commandFinished(at: event.sequence)
            let startedAt = runs.withLock { runs -> Timestamp? in
                runs[step]?.commandOpen = false
                return runs[step]?.commandStartedAt
            }
            item = .finished(
                ReplayDriver.termination(recorded: terminations[event.sequence], exitCode: exitCode, timedOut: timedOut),
                ranMicros: startedAt.map { event.time.microseconds(since: $0) }, outputOrder: outputOrder)
        default:
            break
        }
        guard let item else { return }
        let runner = runs.withLock { runs -> CheckedContinuation<Recorded?, Never>? in
            guard var run = runs[step] else { return nil }
            if let waiting = run.runnerWaiting {
                run.runnerWaiting = nil
                runs[step] = run
                return waiting
            }
            run.mailbox.append(item)
            runs[step] = run
            return nil
        }
        runner?.resume(returning: item)
    }

    /// How a command ended by its `command_finished`: stopped at its timeout when the finish says so, and
    /// not when it says not, whatever its step did next (a timed-out installed-check lets the step go on);
    /// otherwise (a log from before the finish said it) as `ReproductionOutline` read it from the step's end.
    static func termination(recorded: CommandTermination?, exitCode: Int32, timedOut: Bool?) -> CommandTermination {
        switch timedOut {
        case true?: .timedOut
        case false?: recorded.flatMap { $0 == .timedOut ? nil : $0 } ?? .exited(exitCode)
        case nil: recorded ?? .exited(exitCode)
        }
    }

    /// Waits until the step's body has emitted a signal or waits for the log.
    private func settle(_ step: StepID) async {
        await withCheckedContinuation { continuation in
            let ready = runs.withLock { runs -> Bool in
                guard var run = runs[step], !run.settled else { return true }
                run.driverWaiting = continuation
                runs[step] = run
                return false
            }
            if ready { continuation.resume() }
        }
    }

    /// The step's next signal once it has one, leaving out a change of its packages that the log does not show
    /// here (a pipx venv the original found and the reproduction's machine does not have: the log's own
    /// `package_set_changed` is handed out where the log has it, in `next()`); nil when the body waits for the log.
    private func nextSignal(of step: StepID) async -> StepSignal? {
        while true {
            await settle(step)
            guard let signal = takeSignal(of: step) else { return nil }
            if !ReplayDriver.isPackageSetChange(signal) { return signal }
        }
    }

    /// A `package_set_changed` or `file_installed` of a step the reproduction runs: handed out by `next()`, if the
    /// body records one too (what the machine held is not the reproduction's: an older log has none, a simulated
    /// machine may read none).
    private func changesPackagesOfARunningStep(_ event: Event) -> Bool {
        switch event.body {
        case .packageSetChanged(let step, _), .fileInstalled(let step, _): runs.withLock { $0[step] != nil }
        default: false
        }
    }

    private static func isPackageSetChange(_ signal: StepSignal) -> Bool {
        switch signal.kind {
        case .packageSetChanged, .fileInstalled: true
        default: false
        }
    }

    /// The step's first signal, when there is one and it is what `wanted` takes.
    private func takeSignal(of step: StepID, where wanted: (StepSignal) -> Bool = { _ in true }) -> StepSignal? {
        runs.withLock { runs in
            guard var run = runs[step], let first = run.signals.first, wanted(first) else { return nil }
            let signal = run.signals.removeFirst()
            if case .finished = signal.kind { runs[step] = nil } else { runs[step] = run }
            return signal
        }
    }

    private func deliver(_ signal: StepSignal) {
        let wake = runs.withLock { runs -> CheckedContinuation<Void, Never>? in
            guard var run = runs[signal.step], !run.abandoned else { return nil }
            run.signals.append(signal)
            let wake = run.driverWaiting
            run.driverWaiting = nil
            runs[signal.step] = run
            return wake
        }
        wake?.resume()
    }

    private func abandon(_ step: StepID) {
        let (runner, driver) = runs.withLock { runs -> (CheckedContinuation<Recorded?, Never>?, CheckedContinuation<Void, Never>?) in
            guard let run = runs.removeValue(forKey: step) else { return (nil, nil) }
            return (run.runnerWaiting, run.driverWaiting)
        }
        runner?.resume(returning: nil)
        driver?.resume()
    }

    /// What the runner records of a step (a diagnosis, a pause, a retry) comes after the step ended,
    /// except its rollback's start: when `event` is such a record of a step the reproduction still
    /// runs, the log lost how that step ended, and this says so.
    private func lostEnd(_ event: Event) -> String? {
        guard let step = event.stepID, !ReplayDriver.isSignal(event.body), runs.withLock({ $0[step] != nil }) else { return nil }
        if case .rollbackStarted = event.body { return nil }
        return "the original recorded \(event.body.typeName) for step \(step) without how \(step) ended before it (no step_done or step_failed)"
    }

    /// Recorded events that a step's body produces as a signal (the rest the runner records itself).
    static func isSignal(_ body: EventBody) -> Bool {
        switch body {
        case .outputChunk, .commandStarted, .commandFinished, .stepDone, .stepFailed, .rollbackDone: true
        case .stepSkipped(_, .alreadySatisfied, _): true
        default: false
        }
    }
}
