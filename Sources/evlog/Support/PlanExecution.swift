import Catalog
import Diagnosis
import Dispatch
import EventLog
import Foundation
import InstallModel
import Orchestrator
import Simulator

/// The composition root for running a plan: real or simulated runner, clock, driver, log, console,
/// signals. Commands decide *what* to run; this decides *how*, the same way for install, resume and run.
struct PlanExecution {
    var archive: PlanArchive
    var global: GlobalOptions
    var options: RunOptions
    /// The sudo password, when one was given; it reaches only `sudo -S` on stdin and the redactor.
    var sudoPassword: String?

    /// A simulated plan starts at this virtual instant (2026-01-01T00:00:00Z), so a seed fixes the log.
    static let simulationEpoch = Timestamp(microseconds: 1_767_225_600_000_000)

    /// How a run ended and where its log is.
    struct Outcome {
        var status: PlanStatus
        var logPath: String
    }

    /// Creates the plan's log and runs it from the start; `confirm` runs after `plan_created` is
    /// recorded (and shown), and a `false` cancels the plan.
    func start(_ plan: Plan, confirm: () -> Bool) async throws -> Outcome {
        let clock = makeClock(for: plan, resumingAt: nil)
        let writer = try archive.create(plan, createdAt: clock.now())
        return try await execute(plan: plan, writer: writer, state: PlanState(), past: [], clock: clock) { recorder in
            try recorder.record(.planCreated(plan))
            guard confirm() else {
                try recorder.record(.planCancelled(reason: "declined at the confirmation prompt"))
                return false
            }
            return true
        }
    }

    /// Continues a plan from its log: recovers the log, folds it, lets `prepare` record what resuming
    /// means (returning false when the plan must not run), then runs.
    func resume(path: String, prepare: (EventRecorder) throws -> Bool) async throws -> Outcome {
        let writer = try archive.reopen(path)
        if let recovery = writer.recovery {
            Terminal.print("evlog: recovered the log: \(recovery)", to: STDERR_FILENO)
        }
        let past = try PlanArchive.readEvents(path).events
        let state = PlanState.fold(past)
        guard let plan = state.plan else { throw UserFacingError("\(path) holds no plan") }
        let clock = makeClock(for: plan, resumingAt: state.lastEventAt)
        return try await execute(plan: plan, writer: writer, state: state, past: past, clock: clock, begin: prepare)
    }

    private func makeClock(for plan: Plan, resumingAt last: Timestamp?) -> any EventClock {
        guard plan.simulation != nil else { return SystemClock() }
        return VirtualClock(start: last ?? PlanExecution.simulationEpoch)
    }

    private func execute(
        plan: Plan, writer: LogWriter, state: PlanState, past: [Event], clock: any EventClock,
        begin: (EventRecorder) throws -> Bool
    ) async throws -> Outcome {
        let crash = options.crashAtEvent.map { n in
            CrashInjection(afterEvent: n) {
                // Like power loss: nothing beyond the last sync survives; no cleanup runs.
                kill(getpid(), SIGKILL)
            }
        }
        let secrets = sudoPassword.map { [$0] } ?? []
        let recorder = EventRecorder(store: LogEventStore(writer: writer), clock: clock, state: state, crash: crash, secrets: secrets)
        let console = LiveConsole(renderer: global.makeRenderer())
        // A resumed run is drawn in the context of what the log already holds (labels, plan id, counts).
        console.prime(with: past)
        recorder.addObserver(console)
        defer { console.finish() }
        guard try begin(recorder) else {
            try recorder.close()
            return Outcome(status: recorder.state.status, logPath: writer.path)
        }
        let (driver, makeContext) = try makeDriver(for: plan, clock: clock)
        let runner = PlanRunner(
            recorder: recorder, driver: driver, analyser: RuleBasedAnalyser(),
            settings: RunSettings(
                jobs: options.jobs ?? ProcessInfo.processInfo.activeProcessorCount,
                secrets: secrets, autoRemediate: options.remediate),
            unscrubbedSteps: plan.steps, makeContext: makeContext)
        let interruption = Interruption()
        let signals = SignalWatch()
        signals.onSignal { interruption.request($0) }
        let status = try await runner.run(interruption: interruption)
        signals.stop()
        try recorder.close()
        return Outcome(status: status, logPath: writer.path)
    }

    private func makeDriver(for plan: Plan, clock: any EventClock) throws -> (any ExecutionDriver, @Sendable (Step, any StepIO) -> ExecutionContext) {
        let environment = PlanExecution.childEnvironment()
        let userHome = environment["HOME"] ?? NSHomeDirectory()
        let work = archive.workDirectory + "/" + plan.id.rawValue
        let backups = archive.backupDirectory + "/" + plan.id.rawValue
        let password = sudoPassword
        let profile = plan.profile
        let runner: any CommandRunner
        let fileSystem: any FileSystem
        let driver: any ExecutionDriver
        if let simulation = plan.simulation {
            let fixtures = try FixtureSet.locate(
                simulation.fixtureSet, executablePath: CommandLine.arguments[0],
                workingDirectory: FileManager.default.currentDirectoryPath, environment: ProcessInfo.processInfo.environment)
            runner = SimulatedRunner(fixtures: fixtures)
            fileSystem = SimulatedFileSystem()
            guard let virtual = clock as? VirtualClock else { throw UserFacingError("internal: a simulation needs the virtual clock", code: .planFailed) }
            driver = VirtualDriver(clock: virtual)
        } else {
            runner = SubprocessRunner()
            fileSystem = LocalFileSystem()
            driver = ConcurrentDriver(clock: clock)
        }
        let makeContext: @Sendable (Step, any StepIO) -> ExecutionContext = { step, io in
            ExecutionContext(
                runner: runner, fileSystem: fileSystem, profile: profile, io: io, environment: environment,
                userHome: userHome, workDirectory: work, backupDirectory: backups, sudoPassword: password,
                timeoutSeconds: step.timeoutSeconds)
        }
        return (driver, makeContext)
    }

    /// The environment children get: what tools need (PATH, HOME, proxies, certificates), English
    /// messages so diagnosis rules match, and nothing else — never a password.
    static func childEnvironment() -> [String: String] {
        let kept = ["PATH", "HOME", "USER", "LOGNAME", "SHELL", "TERM", "TMPDIR", "http_proxy", "https_proxy", "no_proxy",
                    "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "SSL_CERT_FILE", "SSL_CERT_DIR", "CARGO_HOME", "RUSTUP_HOME",
                    "GOPATH", "PIPX_HOME", "PIPX_BIN_DIR"]
        var environment: [String: String] = [:]
        let current = ProcessInfo.processInfo.environment
        for key in kept { if let value = current[key] { environment[key] = value } }
        environment["LC_ALL"] = "C.UTF-8"
        environment["LANG"] = "C.UTF-8"
        if environment["PATH"] == nil { environment["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" }
        return environment
    }

    /// The sudo password if the plan needs root and we are not root: from stdin with
    /// `--sudo-password-stdin`, else asked once on the terminal; never from argv or the environment.
    /// Passwordless sudo needs none (steps run as `sudo -n`). This is the privilege preflight: it runs
    /// before the plan's log exists, so when no password can be had nothing has started (exit 2).
    static func sudoPassword(for plan: Plan?, options: RunOptions) throws -> String? {
        if options.sudoPasswordStdin {
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                throw UserFacingError("--sudo-password-stdin was given but standard input had no password line")
            }
            return line
        }
        guard let plan, plan.simulation == nil, !plan.profile.isRoot, geteuid() != 0 else { return nil }
        let rootSteps = plan.steps.filter(\.needsRoot)
        guard let first = rootSteps.first else { return nil }
        let which = "\(rootSteps.count) step\(rootSteps.count == 1 ? "" : "s") need root (first: \(first.id))"
        switch plan.profile.privilege {
        case .root, .passwordlessSudo:
            return nil
        case .none:
            throw UserFacingError("\(which) and this user cannot become root (no sudo); run as root, or install tools that have a user-scope method; nothing was started")
        case .passwordSudo:
            guard let password = Terminal.readSecret(prompt: "[sudo] password for evlog steps that need root: ") else {
                throw UserFacingError("\(which), sudo needs a password and there is no terminal to ask: pass it on standard input with --sudo-password-stdin (or run as root); nothing was started")
            }
            return password
        }
    }
}

/// SIGINT/SIGTERM become an interruption of the running plan (which then records `plan_interrupted`).
final class SignalWatch {
    private var sources: [DispatchSourceSignal] = []

    func onSignal(_ handler: @escaping @Sendable (String) -> Void) {
        for (number, label) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { handler(label) }
            source.resume()
            sources.append(source)
        }
    }

    func stop() {
        for source in sources { source.cancel() }
        sources.removeAll()
    }
}
