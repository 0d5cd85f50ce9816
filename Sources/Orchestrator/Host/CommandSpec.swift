import InstallModel

/// One command an executor wants run: argv (never a shell string to guess from), environment, input, limit.
public struct CommandSpec: Hashable, Sendable {
    public var argv: [String]
    /// The whole environment the child gets; nothing is inherited implicitly.
    public var environment: [String: String]
    public var workingDirectory: String?
    /// Run through sudo when we are not root.
    public var asRoot: Bool
    /// Bytes written to the child's stdin, then stdin is closed.
    public var standardInput: [UInt8]?
    public var timeoutSeconds: Int

    public init(
        argv: [String], environment: [String: String], workingDirectory: String? = nil, asRoot: Bool = false,
        standardInput: [UInt8]? = nil, timeoutSeconds: Int
    ) {
        self.argv = argv
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.asRoot = asRoot
        self.standardInput = standardInput
        self.timeoutSeconds = timeoutSeconds
    }

    /// The command as a user would type it (for logs and `what-ran`).
    public var displayString: String { ShellQuoting.line(argv) }
}

/// How a command ended.
public enum CommandTermination: Hashable, Sendable {
    case exited(Int32)
    case signaled(Int32)
    /// Our timeout fired and the process tree was killed.
    case timedOut
    /// The program does not exist (reported like a shell's exit 127).
    case notFound
    /// The program is there but may not be executed (a shell's "Permission denied", exit 126; repro20 #4).
    case notExecutable
    /// We were cancelled (SIGINT/SIGTERM to evlog) and stopped the process tree.
    case cancelled
    /// Nothing was started: the runner cannot play this command and says why (a simulation with no
    /// recording of it). Not a claim about the host: the program may well exist there.
    case notRun(reason: String)
}

/// The result of one command.
public struct CommandResult: Hashable, Sendable {
    public var termination: CommandTermination
    /// Why the command's stdout and stderr are not in the order it wrote them (only read order could be
    /// kept: see `OrderedOutputReader`), nil when they are.
    public var outputOrder: String?
    public init(termination: CommandTermination, outputOrder: String? = nil) {
        self.termination = termination
        self.outputOrder = outputOrder
    }

    /// A shell-style exit code: the code, 128+signal, 124 for our timeout, 126 not run or not executable, 127 for not found,
    /// 130 cancelled.
    public var exitCode: Int32 {
        switch termination {
        case .exited(let code): code
        case .signaled(let signal): 128 + signal
        case .timedOut: 124
        case .notFound: 127
        case .notExecutable: 126
        case .cancelled: 130
        case .notRun: 126
        }
    }

    public var succeeded: Bool { termination == .exited(0) }

    /// No process ran: the program is missing, or the runner could not play the command. What failed is
    /// then not the program's own answer.
    public var neverRan: Bool {
        switch termination {
        case .notFound, .notExecutable, .notRun: true
        default: false
        }
    }
}
