import InstallModel
import Synchronization

/// Records a command as started once its runner says which process runs it, so `command_started`
/// carries the pid; a command that never got a process (not found, could not start) is recorded as
/// started before its first output, or at its end, without one.
final class LaunchRecordingIO: StepIO {
    private let inner: any StepIO
    private let argv: [String]
    private let recorded = Mutex(false)

    init(forwardingTo inner: any StepIO, argv: [String]) {
        self.inner = inner
        self.argv = argv
    }

    /// Records `command_started` unless it already was.
    func recordStartIfNeeded(process: ProcessIdentity?) {
        let first = recorded.withLock { done in
            defer { done = true }
            return !done
        }
        if first { inner.commandStarted(argv, process: process) }
    }

    func commandLaunched(_ process: ProcessIdentity) { recordStartIfNeeded(process: process) }

    func emit(_ stream: OutputChannel, _ bytes: [UInt8]) {
        recordStartIfNeeded(process: nil)
        inner.emit(stream, bytes)
    }

    func elapse(microseconds: Int64) { inner.elapse(microseconds: microseconds) }
    func commandStarted(_ argv: [String], process: ProcessIdentity?) { inner.commandStarted(argv, process: process) }
    func commandFinished(_ result: CommandResult) { inner.commandFinished(result) }
    func waitForRoom() async { await inner.waitForRoom() }
    func packageSetChanged(_ change: PackageSetChange) { inner.packageSetChanged(change) }
    func fileInstalled(_ file: InstalledFile) { inner.fileInstalled(file) }
    func pause(microseconds: Int64) async { await inner.pause(microseconds: microseconds) }
}
