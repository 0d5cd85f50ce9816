import InstallModel

/// Everything an executor may use: the runner, the filesystem seam, the profile, the step's output.
public struct ExecutionContext: Sendable {
    public var runner: any CommandRunner
    public var fileSystem: any FileSystem
    public var profile: SystemProfile
    public var io: any StepIO
    /// The environment children get (explicit; never the sudo password).
    public var environment: [String: String]
    /// The user's home directory (shell profiles, `~/.local/bin`).
    public var userHome: String
    /// Scratch space for downloads and builds of this plan.
    public var workDirectory: String
    /// Where `backup_before` copies go.
    public var backupDirectory: String
    /// Written to `sudo -S` on stdin when a root step runs and we are not root.
    public var sudoPassword: String?
    public var timeoutSeconds: Int
    /// Variables a remediation added for this step's re-run: every command gets them, and shows them
    /// as an `env NAME=value` prefix in its `command_started`.
    public var adjustedEnvironment: [String: String] = [:]
    /// The plan the step belongs to (shell-profile markers name it); nil outside a plan.
    public var planID: PlanID?
    /// Which run of the step this is (1: its first): a later one follows an attempt that failed or was
    /// interrupted, whose changes to the machine are the step's too.
    public var attempt = 1
    /// When the plan was created (nil outside a plan): nothing on the machine older than that is the plan's.
    public var planCreatedAt: Timestamp?
    /// The files of interest to the plan's steps that existed when it was created (`PlanEnvironment.files`); nil
    /// when the plan recorded none (a simulation, an older log).
    public var filesBeforePlan: Set<String>?
    /// Whether a fetch the step's log left unbounded gets today's bound (`PlanHost.boundsUnrecordedFetches`).
    public var boundsUnrecordedFetches = false

    public init(
        runner: any CommandRunner, fileSystem: any FileSystem, profile: SystemProfile, io: any StepIO,
        environment: [String: String], userHome: String, workDirectory: String, backupDirectory: String,
        sudoPassword: String?, timeoutSeconds: Int, planID: PlanID? = nil
    ) {
        self.runner = runner
        self.fileSystem = fileSystem
        self.profile = profile
        self.io = io
        self.environment = environment
        self.userHome = userHome
        self.workDirectory = workDirectory
        self.backupDirectory = backupDirectory
        self.sudoPassword = sudoPassword
        self.timeoutSeconds = timeoutSeconds
        self.planID = planID
    }

    /// The argv prefix that makes a command run as root here: none when root; `sudo -S -k` with a password
    /// (`-p ''` keeps sudo's prompt out of the output; the password goes to stdin only); without one
    /// `sudo -n`, which never prompts, so passwordless sudo works with no terminal and anything else fails at once.
    public var rootPrefix: [String] {
        if profile.isRoot { return [] }
        return sudoPassword == nil ? ["sudo", "-n", "--"] : ["sudo", "-S", "-k", "-p", "", "--"]
    }

    /// `~` and `~/…` mean the user's home (recipes write `~/.local/bin`); nothing else is expanded.
    public func expandingHome(_ word: String) -> String { PlanEnvironment.expandingHome(word, userHome: userHome) }

    /// Runs `argv` with its output streamed into the step, as root when asked.
    public func run(
        _ argv: [String], asRoot: Bool = false, extraEnvironment: [String: String] = [:],
        workingDirectory: String? = nil, io output: (any StepIO)? = nil
    ) async -> CommandResult {
        await run(argv, asRoot: asRoot, extraEnvironment: extraEnvironment, workingDirectory: workingDirectory, io: output, feeding: nil)
    }

    /// Runs `argv` as this user with `bytes` as its standard input (never as root: `sudo -S` would read them
    /// as the password).
    public func run(_ argv: [String], feeding bytes: [UInt8], io output: (any StepIO)? = nil) async -> CommandResult {
        await run(argv, asRoot: false, extraEnvironment: [:], workingDirectory: nil, io: output, feeding: bytes)
    }

    private func run(
        _ argv: [String], asRoot: Bool, extraEnvironment: [String: String], workingDirectory: String?,
        io output: (any StepIO)?, feeding bytes: [UInt8]?
    ) async -> CommandResult {
        var command = argv.map(expandingHome)
        var input: [UInt8]? = bytes
        let added = extraEnvironment.merging(adjustedEnvironment) { $1 }
        if asRoot && !profile.isRoot {
            let assignments = added.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            command = rootPrefix + (assignments.isEmpty ? [] : ["env"] + assignments) + command
            input = sudoPassword.map { Array(($0 + "\n").utf8) }
        } else if !adjustedEnvironment.isEmpty {
            command = ["env"] + adjustedEnvironment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" } + command
        }
        let spec = CommandSpec(
            argv: command, environment: environment.merging(added) { $1 },
            workingDirectory: workingDirectory, asRoot: asRoot, standardInput: input, timeoutSeconds: timeoutSeconds)
        let target = output ?? io
        guard runner.reportsLaunch else {
            target.commandStarted(command, process: nil)
            let result = await runner.run(spec, io: target)
            target.commandFinished(result)
            return result
        }
        let launch = LaunchRecordingIO(forwardingTo: target, argv: command)
        let result = await runner.run(spec, io: launch)
        launch.recordStartIfNeeded(process: nil)
        target.commandFinished(result)
        return result
    }

    /// Runs `argv` (its output is recorded like any other) and returns the output, bounded, to read.
    public func runCapturing(_ argv: [String], asRoot: Bool = false) async -> (result: CommandResult, output: String) {
        let capture = CapturingIO(forwardingTo: io)
        let result = await run(argv, asRoot: asRoot, io: capture)
        return (result, capture.text)
    }

    /// Runs `argv` for a listing it prints on stdout (stderr is shown and recorded, never read as listing);
    /// the listing is nil when it is longer than `CapturingIO.capturedBytesMax`, so that nothing is judged
    /// from part of it.
    public func runListing(_ argv: [String]) async -> (result: CommandResult, listing: String?) {
        let capture = CapturingIO(forwardingTo: io, channels: [.stdout])
        let result = await run(argv, io: capture)
        return (result, capture.overflowed ? nil : capture.text)
    }

    /// Runs commands in order and stops at the first that fails, as that step's failure.
    public func runAll(_ commands: [[String]], asRoot: Bool = false, extraEnvironment: [String: String] = [:], workingDirectory: String? = nil) async -> StepOutcome {
        var last = CommandResult(termination: .exited(0))
        for argv in commands {
            last = await run(argv, asRoot: asRoot, extraEnvironment: extraEnvironment, workingDirectory: workingDirectory)
            if let failure = StepOutcome(failureOf: last, command: argv) { return failure }
        }
        return .done(exitCode: last.exitCode, note: nil)
    }

    /// The SHA-256 of a file, as lowercase hex, computed by the system's tool (`sha256sum`, `shasum -a 256`).
    public func sha256(of path: String) async -> String? {
        await sha256(argv: sha256Tool + [path], feeding: nil)
    }

    /// The SHA-256 of `bytes`, computed by the same tool reading them on its standard input (`sha256sum -`): a
    /// simulation answers it as the system would, and the bytes hashed are the bytes the caller holds.
    public func sha256(of bytes: [UInt8]) async -> String? {
        await sha256(argv: sha256Tool + ["-"], feeding: bytes)
    }

    private var sha256Tool: [String] { profile.isMacOS ? ["shasum", "-a", "256"] : ["sha256sum"] }

    private func sha256(argv: [String], feeding bytes: [UInt8]?) async -> String? {
        let capture = CapturingIO(forwardingTo: io)
        let result = await run(argv, asRoot: false, extraEnvironment: [:], workingDirectory: nil, io: capture, feeding: bytes)
        guard result.succeeded, let digest = capture.text.split(separator: " ").first else { return nil }
        return digest.lowercased()
    }
}

extension StepOutcome {
    /// The failure outcome for a command that did not succeed, or nil when it did.
    public init?(failureOf result: CommandResult, command: [String]) {
        let shown = ShellQuoting.quote(command.first ?? "")
        switch result.termination {
        case .exited(0): return nil
        case .exited(let code): self = .failed(.unexplained("\(shown) exited with \(code)", exitCode: code))
        case .signaled(let signal): self = .failed(FailureCause(exitCode: 128 + signal, signal: signal, message: "\(shown) was killed by signal \(signal)"))
        case .timedOut: self = .failed(.known(.stepTimeout, "\(shown) ran past its timeout and was stopped", exitCode: 124))
        case .notFound: self = .failed(.known(.commandNotFound, "\(shown): command not found", exitCode: 127))
        // Not `command-not-found` (repro20 #4: it advised installing a program that is there); the 31 kinds of the
        // diagnose contract have none for it, so the analysis reads the runner's words.
        case .notExecutable: self = .failed(.unexplained("\(shown) is there but not executable (exit 126)", exitCode: 126))
        case .cancelled: self = .interrupted
        // No process ran, so no exit status and no kind: the analysis reads the runner's own words.
        case .notRun(let reason): self = .failed(.unexplained(reason))
        }
    }
}
