/// Which process ran a command, precisely enough to tell it from a later process given the same pid.
///
/// `startTicks` is the process's start time as the kernel counts it (field 22 of Linux's
/// `/proc/<pid>/stat`, clock ticks since boot); nil where it could not be read. A pid alone is
/// reused by the system, a pid with its start time is not (within one boot).
public struct ProcessIdentity: Hashable, Codable, Sendable {
    public var pid: Int32
    public var startTicks: UInt64?

    public init(pid: Int32, startTicks: UInt64? = nil) {
        self.pid = pid
        self.startTicks = startTicks
    }
}

/// A step's command that started and has not finished, with the process running it.
public struct RunningCommand: Hashable, Codable, Sendable {
    public var argv: [String]
    public var process: ProcessIdentity

    public init(argv: [String], process: ProcessIdentity) {
        self.argv = argv
        self.process = process
    }
}
