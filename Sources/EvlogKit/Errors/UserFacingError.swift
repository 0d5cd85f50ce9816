/// The exit statuses every evlog command uses (the CLI maps them to its exit codes one to one).
public struct ExitStatus: Sendable, Equatable {
    public var rawValue: Int32
    public init(_ rawValue: Int32) { self.rawValue = rawValue }
    /// The plan (or check) ran and failed, or a log is damaged.
    public static let planFailed = ExitStatus(1)
    /// Bad input: a usage error, a missing file, a file that is not an evlog.
    public static let usage = ExitStatus(2)
    /// The plan stopped paused: it waits for an acknowledgement (`evlog resume <plan> --ack`), e.g. to log out or reboot.
    public static let paused = ExitStatus(3)
    /// Stopped by SIGINT or SIGTERM.
    public static let interrupted = ExitStatus(130)
}

/// An error meant for the user: one line saying what is wrong and what to do, then exit with `code`.
public struct UserFacingError: Error, CustomStringConvertible {
    public var message: String
    public var code: ExitStatus
    public init(_ message: String, code: ExitStatus = .usage) {
        self.message = message
        self.code = code
    }
    public var description: String { message }
}
