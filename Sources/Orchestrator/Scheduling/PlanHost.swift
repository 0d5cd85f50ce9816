import InstallModel

/// Where a run's commands go and how its time passes: this machine, or a simulation of one.
///
/// Everything an executor touches comes from here, so a simulated run drives the same orchestrator and
/// executors as a real one and only the host differs (ARCHITECTURE.md, principle 4).
public struct PlanHost: Sendable {
    public var runner: any CommandRunner
    public var fileSystem: any FileSystem
    public var clock: any EventClock
    /// Makes the driver that runs step bodies (concurrent on real time, ordered on virtual time).
    public var makeDriver: @Sendable () -> any ExecutionDriver
    /// The environment children get (explicit; never the sudo password).
    public var environment: [String: String]
    /// The values in `environment` that are secret (a token, a proxy password): registered for redaction.
    public var secrets: [String]
    public var userHome: String
    /// Scratch space for downloads and builds, and where `backup_before` copies go.
    public var workDirectory: String
    public var backupDirectory: String
    /// When set, each step attempt's runner (a simulation whose answers or faults depend on the step);
    /// otherwise every step uses `runner`.
    public var runnerForStep: (@Sendable (Step) -> any CommandRunner)?
    /// Whether a step's fetch that its log left unbounded (a `github_release` without `checksumFileBytesMax`) gets
    /// today's bound: on this machine, yes, whatever log the step came from (trust16 #12: a foreign log omitting the
    /// field fetched without `--max-filesize`); a simulation keeps the recorded argv, so older logs reproduce.
    public var boundsUnrecordedFetches = false

    public init(
        runner: any CommandRunner, fileSystem: any FileSystem, clock: any EventClock,
        makeDriver: @escaping @Sendable () -> any ExecutionDriver, environment: [String: String], secrets: [String] = [],
        userHome: String, workDirectory: String, backupDirectory: String
    ) {
        self.runner = runner
        self.fileSystem = fileSystem
        self.clock = clock
        self.makeDriver = makeDriver
        self.environment = environment
        self.secrets = secrets
        self.userHome = userHome
        self.workDirectory = workDirectory
        self.backupDirectory = backupDirectory
    }

    /// This machine: real processes in their own process groups, real files, the system clock.
    /// Children get `environment` (see `ChildEnvironment`), whose secret values are redacted; with a
    /// `launcher`, each command is also bound to this process's life (`ParentDeathLauncher`); with
    /// `passesStandardInput`, commands read this process's standard input (`SubprocessRunner`).
    public static func local(
        environment: ChildEnvironment, userHome: String, workDirectory: String, backupDirectory: String,
        launcher: ParentDeathLauncher? = nil, passesStandardInput: Bool = false
    ) -> PlanHost {
        let clock = SystemClock()
        var host = PlanHost(
            runner: SubprocessRunner(launcher: launcher, passesStandardInput: passesStandardInput), fileSystem: LocalFileSystem(), clock: clock,
            makeDriver: { ConcurrentDriver(clock: clock) }, environment: environment.variables, secrets: environment.secrets,
            userHome: userHome,
            workDirectory: workDirectory, backupDirectory: backupDirectory)
        host.boundsUnrecordedFetches = true
        return host
    }
}
