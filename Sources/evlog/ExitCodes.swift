import ArgumentParser

/// The exit codes every evlog command uses.
extension ExitCode {
    /// The plan (or check) ran and failed, or a log is damaged.
    static let planFailed = ExitCode(1)
    /// Bad input: a usage error, a missing file, a file that is not an evlog.
    static let usage = ExitCode(2)
    /// The plan stopped paused: it waits for an acknowledgement (`evlog resume <plan> --ack`), e.g. to log out or reboot.
    static let paused = ExitCode(3)
    /// Stopped by SIGINT or SIGTERM.
    static let interrupted = ExitCode(130)
}

/// An error meant for the user: one line saying what is wrong and what to do, then exit with `code`.
struct UserFacingError: Error, CustomStringConvertible {
    var message: String
    var code: ExitCode
    init(_ message: String, code: ExitCode = .usage) {
        self.message = message
        self.code = code
    }
    var description: String { message }
}
