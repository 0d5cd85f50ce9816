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
        let host = try makeHost(for: plan, resumingAt: nil)
        let writer = try archive.create(plan, createdAt: host.clock.now())
        return try await execute(writer: writer, state: PlanState(), past: [], host: host) { session, interruption in
            try await session.start(plan, confirm: confirm, interruption: interruption)
        }
    }

    /// Continues a plan from its log: recovers the log, folds it, lets `prepare` record what resuming
    /// means (returning false when the plan must not run), then runs.
    func resume(path: String, prepare: (EventRecorder) throws -> Bool) async throws -> Outcome {
        try PlanExecution.requirePlan(in: PlanArchive.readEvents(path), path: path)
        let writer = try archive.reopen(path, now: SystemClock().now())
        if let recovery = writer.recovery {
            Terminal.print("evlog: " + recovery.description, to: STDERR_FILENO)
        }
        let past = try PlanArchive.readEvents(path).events
        let state = PlanState.fold(past)
        guard let plan = state.plan else { throw UserFacingError("\(path) holds no plan") }
        // A log given by path may hold any id; it names directories under the home.
        guard plan.id.isWellFormed else { throw UserFacingError(ArchiveError.invalidPlanID(plan.id.rawValue).description) }
        let host = try makeHost(for: plan, resumingAt: state.lastEventAt, past: past)
        return try await execute(writer: writer, state: state, past: past, host: host) { session, interruption in
            try await session.resume(prepare: prepare, interruption: interruption)
        }
    }

    /// Refuses, before anything is written, a log whose part that recovery would keep holds no plan.
    static func requirePlan(in kept: LogContents, path: String) throws {
        guard kept.state.plan == nil else { return }
        let damage = kept.damage.map { " is \($0.summary) and the part before it" } ?? ""
        throw UserFacingError("\(path)\(damage) holds no plan; nothing was changed (see `evlog verify \(path)`)")
    }

    private func execute(
        writer: LogWriter, state: PlanState, past: [Event], host: PlanHost,
        body: (PlanSession, Interruption) async throws -> PlanStatus
    ) async throws -> Outcome {
        let crash = options.crashAtEvent.map { n in
            CrashInjection(afterEvent: n) {
                // Like power loss: nothing beyond the last sync survives; no cleanup runs.
                kill(getpid(), SIGKILL)
            }
        }
        let console = LiveConsole(renderer: global.makeRenderer())
        // A resumed run is drawn in the context of what the log already holds (labels, plan id, counts).
        console.prime(with: past)
        defer { console.finish() }
        let settings = PlanSession.Settings(
            run: RunSettings(jobs: options.jobs ?? ProcessInfo.processInfo.activeProcessorCount, autoRemediate: options.remediate),
            sudoPassword: sudoPassword, crash: crash)
        let session = PlanSession(store: LogEventStore(writer: writer), state: state, host: host, settings: settings, observers: [console])
        let interruption = Interruption()
        let signals = SignalWatch()
        signals.onSignal { interruption.request($0) }
        // A reader that went away (`evlog run … | head`): SIGPIPE is ignored and the failed write says so.
        Terminal.onBrokenPipe { interruption.request("SIGPIPE") }
        let status = try await body(session, interruption)
        Terminal.onBrokenPipe(nil)
        signals.stop()
        try session.close()
        return Outcome(status: status, logPath: writer.path)
    }

    /// The real machine, or the simulation the plan names (its virtual clock continues where the log stopped).
    private func makeHost(for plan: Plan, resumingAt last: Timestamp?, past: [Event] = []) throws -> PlanHost {
        guard plan.simulation != nil else {
            let environment = PlanExecution.childEnvironment()
            return .local(
                environment: environment, userHome: environment["HOME"] ?? NSHomeDirectory(),
                workDirectory: archive.workDirectory, backupDirectory: archive.backupDirectory,
                launcher: ParentDeathLauncher.currentExecutable())
        }
        let system = try PlanExecution.simulatedSystem(for: plan, past: past)
        return .simulated(system, start: last ?? PlanExecution.simulationEpoch)
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
    static func sudoPassword(for plan: Plan?, options: RunOptions) throws -> String? {
        if options.sudoPasswordStdin {
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                throw UserFacingError("--sudo-password-stdin was given but standard input had no password line")
            }
            return line
        }
        let needsRoot = plan.map { $0.simulation == nil && !$0.profile.isRoot && $0.steps.contains(where: \.needsRoot) } ?? false
        guard needsRoot, geteuid() != 0 else { return nil }
        guard let password = Terminal.readSecret(prompt: "[sudo] password for evlog steps that need root: ") else {
            throw UserFacingError("this plan has steps that need root and there is no terminal to ask for the password; run as root or pass --sudo-password-stdin")
        }
        return password
    }
}
