/// Which of a step's commands decided its failure, so that only that command's output is evidence.
///
/// A step may run several commands: probes before the real one (`http --version` not on PATH, then
/// `~/.local/bin/http --version`), a cleanup after it (`rm -rf` of a key home). The step fails with the status of
/// the command that decided it, so that command is the last one that ended with that status; a probe a later command
/// superseded is not evidence (truth12 F3: evlog's own "http: command not found" for the first probe was diagnosed
/// command-not-found, though the copy the step then ran was found and crashed with a Python ImportError).
/// Output outside any command (evlog's own lines between them) belongs to none. When no command ended with the
/// failure's status (a check the executor made itself, no status), the whole output is evidence, as before.
///
/// Memory: one entry per distinct exit status, whatever the number of commands.
public struct DecidingCommand: Sendable {
    /// The command whose output comes now, numbered from 0 in the order they started; nil between commands.
    public private(set) var current: Int?
    private var started = 0
    private var lastByStatus: [Int32: Int] = [:]

    public init() {}

    /// A command of the step started: its output is command `current`'s.
    public mutating func commandStarted() {
        current = started
        started += 1
    }

    /// The running command ended with `exitCode` (the shell's status: 127 not found, 128 + N for signal N).
    public mutating func commandFinished(exitCode: Int32) {
        if let current { lastByStatus[exitCode] = current }
        current = nil
    }

    /// The command whose output is the evidence of a failure with `exitCode`: the last that ended with it, or nil
    /// (all output is evidence) when none did or the failure has no status.
    public func deciding(exitCode: Int32?) -> Int? {
        exitCode.flatMap { lastByStatus[$0] }
    }
}
