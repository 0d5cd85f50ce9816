import Catalog
import Diagnosis
import Dispatch
import EventLog
import Foundation
import InstallModel
import Orchestrator
import Sealing
import Simulator

/// The composition root for running a plan: real or simulated runner, clock, driver, log, console,
/// signals. Commands decide *what* to run; this decides *how*, the same way for install, resume and run.
public struct PlanExecution {
    /// Where the plan's log and its work and backup directories are.
    public var archive: PlanArchive
    /// What the caller decided about the run.
    public var settings: ExecutionSettings
    /// The sudo password, when one was given; it reaches only `sudo -S` on stdin and the redactor.
    public var sudoPassword: String?
    /// The plan was already shown (before a sudo password prompt), so its `plan_created` is not drawn again.
    public var planShown = false
    /// Commands read evlog's standard input (`evlog run`); otherwise theirs is empty.
    public var passesStandardInput = false

    /// An execution of plans under `archive` with `settings`; `sudoPassword` as the privilege preflight gave it.
    public init(archive: PlanArchive, settings: ExecutionSettings, sudoPassword: String? = nil) {
        self.archive = archive
        self.settings = settings
        self.sudoPassword = sudoPassword
    }

    /// What a command continuing a log decides once its state and seals are known (`resume`'s `admit`).
    public struct Admission {
        /// The sudo password the plan's root steps need, when one was asked for.
        public var sudoPassword: String?
        /// Where the run continues when not in the log given: a new file, made first as a copy of that log,
        /// which is left as it is (a log from elsewhere, such as a bundle, is evidence: FORMAT.md §9.5).
        public var continueIn: String?

        /// Admits the run, with the sudo password its root steps need, in the log given or in a copy at `continueIn`.
        public init(sudoPassword: String?, continueIn: String? = nil) {
            self.sudoPassword = sudoPassword
            self.continueIn = continueIn
        }
    }

    /// A simulated plan starts at this virtual instant (2026-01-01T00:00:00Z), so a seed fixes the log.
    public static let simulationEpoch = Timestamp(microseconds: 1_767_225_600_000_000)

    /// How a run ended and where its log is.
    public struct Outcome {
        /// How the plan stands after the run.
        public var status: PlanStatus
        /// The plan's log.
        public var logPath: String
        /// The plan's state as the run left it (the recorder's fold; no need to read the log back).
        public var state: PlanState
    }

    /// Creates the plan's log and runs it from the start; `confirm` runs after `plan_created` is
    /// recorded (and shown), given the run's interruption (a signal while it asks ends the asking), and a `false`
    /// cancels the plan.
    public func start(_ resolved: Plan, confirm: (Interruption) -> Bool) async throws -> Outcome {
        try archive.refuseSharedHome()
        let host = try makeHost(for: resolved, resumingAt: nil)
        var plan = resolved
        if plan.simulation == nil { plan.environment = PlanExecution.environment(of: plan, on: host, evlogHome: archive.home) }
        // The host key first: a key pair that cannot seal refuses the run before its log exists.
        let key = try settings.hostKey.load()
        let writer = try archive.create(plan, createdAt: host.clock.now())
        var session: PlanSession?
        do {
            let store = try SealingEventStore.forLog(writer, key: key, witness: archive.sealWitness(for: writer.path))
            return try await execute(store: store, writer: writer, state: PlanState(), past: [], host: host) { started, interruption in
                session = started
                return try await started.start(plan, confirm: { confirm(interruption) }, interruption: interruption)
            }
        } catch {
            // Whole or absent: a log whose `plan_created` could not be stored holds no plan, and is not left in the
            // home for `list`, `latest` and `resume` to find (repro12 F2). One that holds it stays, whatever stopped the
            // writer after (its seal could not be recorded in the home: `evlog resume` continues it).
            if session?.recorder.state.plan == nil, (try? PlanLog(path: writer.path).stateFromLastCheckpoint())?.plan == nil {
                archive.discard(writer)
            }
            throw error
        }
    }

    /// Continues a plan from its log. Under the log's writer lock, before the log is opened for append (which
    /// recovers a damaged tail), it is read twice: folded once into the state the run acts on, and its seals
    /// checked once (with the host key and `named`, the key the user named for a log from elsewhere) —
    /// that one pass also continues the chain for the host's seals. `admit` then decides from both: it
    /// throws a refusal, returns nil when there is nothing to do (nothing is touched), or admits the run;
    /// `prepare` records what resuming means (returning false when the plan must not run), then the plan
    /// runs. A log another process holds is refused, naming that process.
    public func resume(
        path: String, named: SealPublicKey?, admit: (PlanState, SealReport) throws -> Admission?,
        prepare: (EventRecorder) throws -> Bool
    ) async throws -> Outcome? {
        try archive.refuseSharedHome()
        let key = try settings.hostKey.load()
        // Before the lock is taken: a log this process holds has a writer.
        if PlanLog(path: path).isStillborn { throw PlanExecution.holdsNoPlan(path, damage: nil) }
        // A log outside plans/ is never written to (FORMAT.md §9.5): held for reading only, nothing made beside it, and
        // continued in a copy whose lock is the plan's (integrity18 #7: a read-only bundle was refused with a raw errno).
        let outside = !inPlansDirectory(path)
        let readHold = outside ? try PlanExecution.holdForReading(path) : nil
        var lock = outside ? nil : try PlanExecution.takeLock(of: path)
        // Streamed, never held: the state folds from the last checkpoint; the history a simulated
        // resume needs (the fixtures a first run used) and the console's context are read again
        // from the log, one block at a time.
        var log = PlanLog(path: path)
        let (state, damage) = try log.currentStateAndDamage()
        guard let plan = state.plan else { throw PlanExecution.holdsNoPlan(path, damage: damage) }
        // A log given by path may hold any id; it names directories under the home.
        guard plan.id.isWellFormed else { throw UserFacingError(ArchiveError.invalidPlanID(plan.id.rawValue).description) }
        var checked = try SealVerifier.prepareToAppend(path: path, key: key, vouchedBy: named)
        if let refusal = try archive.rolledBack(path, report: checked.report) { throw refusal }
        if let refusal = copiedFromAnotherHome(path, plan: plan.id, report: checked.report, own: checked.sealer?.key.publicKey.fingerprint) {
            throw refusal
        }
        // Records this host's seals do not cover decide nothing, not even that nothing is left to do (integrity16 #1).
        if let sealer = checked.sealer, checked.report.lastValid?.fingerprint == sealer.key.publicKey.fingerprint,
           let forged = checked.report.tailAppendedLater {
            throw SealTrustError(path: path, reason: forged)
        }
        // An ended plan runs nothing more: `admit` says so (or refuses), after its log got the final seal it lacked.
        if let lock, try closeEndedLog(path, state: state, checked: checked, holding: lock) {
            _ = try admit(state, checked.report)
            return nil
        }
        guard let admission = try admit(state, checked.report) else { return nil }
        if let refusal = misnamedInPlans(path, plan: plan.id) { throw refusal }
        var path = path
        if let copy = admission.continueIn {
            let copied = try PlanExecution.copy(path, to: copy, checked: checked.report, key: key, named: named)
            (lock, checked) = (copied.0, copied.1)
            // The copy is this home's to continue from now on, though its header names the home that created it.
            try CreatedPlans.adopted(in: archive).record(plan.id)
            Terminal.print("evlog: \(path) is left as it is; the plan continues in a copy of it: \(copy)", to: STDERR_FILENO)
            (path, log) = (copy, PlanLog(path: copy))
        }
        readHold?.release()
        guard let lock else { throw UserFacingError("\(path) is not in this home's plans/, so it is never written to; nothing was run") }
        let host = try makeHost(for: plan, resumingAt: state.lastEventAt, history: log)
        if let refusal = Self.otherUser(resuming: plan, on: host) { throw refusal }
        let writer = try archive.reopen(path, now: SystemClock().now(), holding: lock)
        if let recovery = writer.recovery {
            Terminal.print("evlog: " + recovery.description, to: STDERR_FILENO)
        }
        let store = try SealingEventStore.forLog(writer, checked: checked, sealing: key != nil, witness: archive.sealWitness(for: path))
        // The console shows the plan as the run continues it: without what no writer vouched for (integrity23 #3).
        let past = try log.readableVouchedEvents()
        var execution = self
        execution.sudoPassword = admission.sudoPassword
        return try await execution.execute(store: store, writer: writer, state: state, past: past, host: host) { session, interruption in
            try await session.resume(prepare: prepare, interruption: interruption)
        }
    }

    /// Copies the log at `source` (whose seals `report` describes) to the new file `destination`, whole or absent,
    /// never over a file there; returns the copy's writer lock and the one pass over its seals, which must find
    /// what `report` found (the file did not change while it was copied). Nothing is left when it fails.
    static func copy(
        _ source: String, to destination: String, checked report: SealReport, key: HostKey?, named: SealPublicKey?
    ) throws -> (WriterLock, (report: SealReport, sealer: Sealer?)) {
        var made = true
        do {
            try FileManager.default.createDirectory(atPath: (destination as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try WholeFile.make(destination, replacing: false) { try FileManager.default.copyItem(atPath: source, toPath: $0) }
        } catch EventLogError.io(_, "link", .fileExists) where FileManager.default.contentsEqual(atPath: source, andPath: destination) {
            // This very file's copy, left by a run stopped before it added anything (integrity16 finding 11): go on with it
            // (never removed here: another run may be about to continue it).
            made = false
        } catch EventLogError.io(_, "link", .fileExists) {
            throw UserFacingError(
                "\(source) is not this home's and is never written to, so it would continue in a copy, but \(destination) exists "
                    + "(a copy continued before, or the plan's own log): continue that one (`evlog resume \(destination)`, with "
                    + "`--key PUB` when another host sealed it); nothing was run")
        } catch {
            // The copy is what could not be written (a full home): naming the source would send the user the wrong way (integrity20 #7).
            let reason = FoundationErrorText.reason(for: error) ?? "\(error)"
            throw UserFacingError("\(source) could not be copied to \(destination) to continue there: \(reason); nothing was run, nothing was left there")
        }
        do {
            let lock = try PlanExecution.takeLock(of: destination)
            let checked = try SealVerifier.prepareToAppend(path: destination, key: key, vouchedBy: named)
            guard checked.report == report else {
                throw UserFacingError("\(source) changed while it was copied to \(destination); nothing was run")
            }
            return (lock, checked)
        } catch {
            // The copy's lock file goes with it: nothing is left beside a copy that was never used.
            if made {
                unlink(destination)
                unlink(LogWriter.lockFilePath(for: destination))
            }
            throw error
        }
    }

    /// Where a real run happens, as `plan_created` records it so `evlog reproduce` uses the same paths.
    static func environment(of plan: Plan, on host: PlanHost, evlogHome: String) -> PlanEnvironment {
        PlanEnvironment(
            user: CatalogCLI.loginName(host.environment), userHome: host.userHome,
            evlogHome: evlogHome, workDirectory: host.workDirectory, backupDirectory: host.backupDirectory,
            files: FileFacts.record(FileFacts.interest(in: plan, userHome: host.userHome, environment: host.environment), in: host.fileSystem),
            factsRevision: FileFacts.revision)
    }

    /// The refusal to resume a real plan as another user or with another `$HOME` than it ran with (`sudo` without `-H`,
    /// `su`, a home restored elsewhere): its steps would write to both homes, and no reproduction could replay it
    /// (repro13 F4: the resume switched home silently). Nil when both are the ones the plan recorded, or it recorded none.
    /// The advice never names the recorded HOME as one to use: a log from elsewhere may record any directory (trust19 #9).
    static func otherUser(resuming plan: Plan, on host: PlanHost) -> UserFacingError? {
        guard plan.simulation == nil, let recorded = plan.environment else { return nil }
        let user = CatalogCLI.loginName(host.environment)
        guard recorded.user != user || recorded.userHome != host.userHome else { return nil }
        return UserFacingError(
            "plan \(plan.id) ran as \(recorded.user) with HOME=\(recorded.userHome), but this resume runs as \(user) with "
                + "HOME=\(host.userHome): its steps would change both homes; resume it as \(recorded.user) in that user's own home "
                + "(with sudo: `sudo -H`; a log's HOME is its author's word, never one to take); nothing was run")
    }

    /// The refusal for a log in this home's `plans/` whose file is named for another plan than the one it holds (a
    /// copy, `cp p-X.evlog p-copy.evlog`): one writer per plan is one lock per file there, so a second file holding
    /// the plan would let a second writer run it (integrity10 finding 11). Nil for a file named for its plan, or
    /// one outside `plans/` (resumed in a copy named for its plan, whose lock is the plan's).
    func misnamedInPlans(_ path: String, plan id: PlanID) -> UserFacingError? {
        guard inPlansDirectory(path), URL(fileURLWithPath: path).lastPathComponent != id.rawValue + ".evlog" else { return nil }
        return UserFacingError(
            "\(path) holds plan \(id) but is named for another: a second file of one plan in \(archive.plansDirectory) would let two "
                + "writers run it; resume \(id) by its own log, or move this copy out of plans/ and `evlog resume` that file (it continues "
                + "in a copy named for the plan); nothing was run")
    }

    /// The writer lock of the log at `path`; a log another process writes is a usage error naming it.
    static func takeLock(of path: String) throws -> WriterLock {
        do {
            return try LogWriter.lock(path: path, claimsCopies: true)
        } catch EventLogError.locked {
            throw PlanExecution.runningElsewhere(path)
        }
    }

    /// A shared hold on the log at `path`, which is only read (it stays as it is, and nothing is made beside it); a
    /// log a writer holds is refused as `takeLock` refuses it.
    static func holdForReading(_ path: String) throws -> ReaderHold {
        guard let hold = try ReaderHold.take(logAt: path) else { throw PlanExecution.runningElsewhere(path) }
        return hold
    }

    /// The refusal for a plan whose log another process holds: one writer per plan. The holder is named only when
    /// it passes the checks `status` applies (`LogWriterProbe.writer`: alive, runs evlog, holds the writer's lock
    /// itself), never from what a sidecar claims: any process can lock a file and write a pid beside it.
    public static func runningElsewhere(_ path: String) -> UserFacingError {
        guard let pid = LogWriterProbe.writer(ofLogAt: path) else {
            return UserFacingError(
                "\(path) is locked by another process (not one evlog can name as its writer: a reader such as `evlog bundle`, "
                    + "or a process that is not evlog); wait for it to end, then try again")
        }
        return UserFacingError("\(path) is being run by process \(pid); wait for it, or follow it with `evlog replay \(path) --follow`")
    }

    /// The refusal for a log whose part before any damage holds no plan: nothing is changed.
    static func holdsNoPlan(_ path: String, damage: LogDamage?) -> UserFacingError {
        let damaged = damage.map { " is \($0.summary) and the part before it" } ?? ""
        let reason = PlanLog(path: path).noPlanReason.map { " (\($0))" } ?? ""
        return UserFacingError("\(path)\(damaged) holds no plan\(reason); nothing was changed (see `evlog verify \(path)`)")
    }

    private func execute(
        store: any EventStore, writer: LogWriter, state: PlanState, past: some Sequence<Event>, host: PlanHost,
        body: (PlanSession, Interruption) async throws -> PlanStatus
    ) async throws -> Outcome {
        let crash = settings.crashAtEvent.map { n in
            CrashInjection(afterEvent: n) {
                // Like power loss: nothing beyond the last sync survives; no cleanup runs.
                kill(getpid(), SIGKILL)
            }
        }
        let console = LiveConsole(renderer: settings.output.makeRenderer(), planShown: planShown)
        // A resumed run is drawn in the context of what the log already holds (labels, plan id, counts).
        console.prime(with: past)
        defer { console.finish() }
        let sessionSettings = PlanSession.Settings(
            run: RunSettings(jobs: settings.jobs ?? ProcessInfo.processInfo.activeProcessorCount, autoRemediate: settings.remediate),
            sudoPassword: sudoPassword, crash: crash, alternatives: CatalogAlternatives())
        let session = PlanSession(store: store, state: state, host: host, settings: sessionSettings, observers: [console])
        let interruption = Interruption()
        let signals = SignalWatch()
        signals.onSignal { interruption.request($0) }
        // A reader that went away (`evlog run … | head`): SIGPIPE is ignored and the failed write says so.
        Terminal.onBrokenPipe { interruption.request("SIGPIPE") }
        defer {
            Terminal.onBrokenPipe(nil)
            signals.stop()
        }
        do {
            let status = try await body(session, interruption)
            try session.close()
            return Outcome(status: status, logPath: writer.path, state: session.recorder.state)
        } catch let error as EventLogError where interruption.requested != nil {
            // The writer stopped (its log was replaced, the disk filled) while a signal was stopping the plan: the
            // signal wins, as for every interrupted plan (README, "Exit codes"), and the error is still said.
            throw UserFacingError(error.description, code: .interrupted)
        }
    }

    /// The real machine, or the simulation the plan names (its virtual clock continues where the log stopped).
    private func makeHost(for plan: Plan, resumingAt last: Timestamp?, history: PlanLog? = nil) throws -> PlanHost {
        guard plan.simulation != nil else {
            let environment = ChildEnvironment.forPlan(plan, caller: ProcessInfo.processInfo.environment)
            return .local(
                environment: environment, userHome: StateHome.userHome(environment: environment.variables),
                workDirectory: archive.workDirectory, backupDirectory: archive.backupDirectory,
                launcher: ParentDeathLauncher.currentExecutable(), passesStandardInput: passesStandardInput)
        }
        let past: any Sequence<Event> = try history?.readableEvents() ?? []
        let system = try PlanExecution.simulatedSystem(for: plan, past: past)
        return .simulated(system, start: last ?? PlanExecution.simulationEpoch)
    }

    /// The steps that need root and will run: a resume does not run again what is `done` (truth20 #11).
    static func rootStepsToRun(_ plan: Plan, done: Set<StepID>) -> [Step] {
        plan.steps.filter { $0.needsRoot && !done.contains($0.id) }
    }

    /// The sudo password if the plan needs root and we are not root: from stdin with
    /// `--sudo-password-stdin`, else asked once on the terminal; never from argv or the environment.
    /// Passwordless sudo needs none (steps run as `sudo -n`). This is the privilege preflight: it runs
    /// before the plan's log exists, so when no password can be had nothing has started (exit 2).
    /// `beforeAsking` runs just before the terminal prompt (to show what the password is for). Steps `done` will not
    /// run again (a resume), so they need no root (truth20 #11).
    public static func sudoPassword(
        for plan: Plan?, settings: ExecutionSettings, done: Set<StepID> = [], beforeAsking: () -> Void = {}
    ) throws -> String? {
        if settings.sudoPasswordStdin {
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                throw UserFacingError("--sudo-password-stdin was given but standard input had no password line")
            }
            return line
        }
        guard let plan, plan.simulation == nil, !plan.profile.isRoot, geteuid() != 0 else { return nil }
        let rootSteps = rootStepsToRun(plan, done: done)
        guard let first = rootSteps.first else { return nil }
        let which = "\(rootSteps.count) step\(rootSteps.count == 1 ? "" : "s") need root (first: \(first.id))"
        switch plan.profile.privilege {
        case .root, .passwordlessSudo:
            return nil
        case .none:
            throw UserFacingError("\(which) and this user cannot become root (no sudo); run as root, or install tools that have a user-scope method; nothing was started")
        case .passwordSudo:
            beforeAsking()
            guard let password = Terminal.readSecret(prompt: "[sudo] password for evlog steps that need root: ") else {
                throw UserFacingError("\(which), sudo needs a password and there is no terminal to ask: pass it on standard input with --sudo-password-stdin (or run as root); nothing was started")
            }
            return password
        }
    }
}
