import InstallModel

/// Where an executing step sends its output, and how it lets time pass in a simulation.
///
/// Contract: `emit` is called in the order output happened; the bytes are raw (the recorder's
/// `SecretPolicy` redacts them before anything is logged or shown). `elapse` moves a virtual step clock and is a
/// no-op on the real one (real time passes by itself).
public protocol StepIO: Sendable {
    func emit(_ stream: OutputChannel, _ bytes: [UInt8])
    func elapse(microseconds: Int64)
    /// A command of the step begins / ends (recorded so `what-ran` and `reproduce` see each command), with
    /// the process running it when one was started (`resume` checks it before running the step again).
    func commandStarted(_ argv: [String], process: ProcessIdentity?)
    func commandFinished(_ result: CommandResult)
    /// A runner that starts real processes says which one runs the command, before any of its output.
    func commandLaunched(_ process: ProcessIdentity)
    /// Waits while too much output is waiting to be recorded (a reader of a fast command calls this
    /// before each read, so the command is slowed instead of memory growing).
    func waitForRoom() async
    /// Lets `microseconds` pass: really (the real driver) or on the virtual clock (the simulator).
    func pause(microseconds: Int64) async
    /// What the step changed in its package manager's package set (recorded as `package_set_changed`).
    func packageSetChanged(_ change: PackageSetChange)
    /// The file the step put in place, with its digest (recorded as `file_installed`).
    func fileInstalled(_ file: InstalledFile)
}

extension StepIO {
    public func waitForRoom() async {}
    public func commandLaunched(_ process: ProcessIdentity) {}
    public func packageSetChanged(_ change: PackageSetChange) {}
    public func fileInstalled(_ file: InstalledFile) {}

    /// A line of evlog's own commentary inside a step's output (`evlog: ripgrep is already installed`).
    public func say(_ line: String) { emit(.stdout, Array(("evlog: " + line + "\n").utf8)) }
}
