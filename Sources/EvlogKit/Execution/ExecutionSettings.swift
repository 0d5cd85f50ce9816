import Orchestrator

/// What a front end (the CLI's flags, or any other caller) decides about running a plan: where the home
/// is, how the run is drawn, whether to ask, how many steps at once, where the sudo password and the host
/// key come from. Plain values, so the library never sees a command-line option type.
public struct ExecutionSettings {
    /// The evlog home the plan's log is written under.
    public var home: String
    /// How the run is drawn (NDJSON, terminal, plain lines).
    public var output: OutputStyle
    /// Proceed without asking (`--yes`).
    public var yes: Bool
    /// Steps to run at once; nil means one per core.
    public var jobs: Int?
    /// Read the sudo password from the first line of standard input.
    public var sudoPasswordStdin: Bool
    /// Apply automatic remediations when a step fails.
    public var remediate: Bool
    /// Kill this process after that event is recorded (crash tests).
    public var crashAtEvent: UInt64?
    /// Where the host key that seals the plan's log comes from.
    public var hostKey: HostKeySource

    /// Settings from their parts; the defaults are those of a bare command line.
    public init(
        home: String, output: OutputStyle, yes: Bool = false, jobs: Int? = nil,
        sudoPasswordStdin: Bool = false, remediate: Bool = false, crashAtEvent: UInt64? = nil,
        hostKey: HostKeySource = .hostDirectory
    ) {
        self.home = home
        self.output = output
        self.yes = yes
        self.jobs = jobs
        self.sudoPasswordStdin = sudoPasswordStdin
        self.remediate = remediate
        self.crashAtEvent = crashAtEvent
        self.hostKey = hostKey
    }
}
