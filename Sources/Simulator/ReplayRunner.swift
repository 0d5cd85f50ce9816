import Orchestrator

/// The `CommandRunner` of a reproduction: a command prints what the original log recorded for its step
/// at that point and ends as it ended there, as `ReplayDriver` hands it over. What it leaves behind
/// (a fetched file, an unpacked archive) goes into the simulated filesystem (`CommandTraces`).
///
/// Whether it ended at its timeout is decided here, from the timeout the plan gives the command and how
/// long the log shows it running (`RecordedTimeout`), not taken from the log.
///
/// The command line itself is not looked up: the reproduction's `command_started` is compared with the
/// original's, so a command that differs is reported there, with both sides.
public struct ReplayRunner: CommandRunner {
    private let driver: ReplayDriver
    private let fileSystem: SimulatedFileSystem

    public init(driver: ReplayDriver, fileSystem: SimulatedFileSystem) {
        self.driver = driver
        self.fileSystem = fileSystem
    }

    public func run(_ command: CommandSpec, io: any StepIO) async -> CommandResult {
        while let recorded = await driver.recorded() {
            switch recorded {
            case .output(let stream, let bytes):
                io.emit(stream, bytes)
            case .finished(let recorded, let ranMicros):
                guard let step = ReplayDriver.currentStep else { return CommandResult(termination: .cancelled) }
                let timeout = RecordedTimeout(recorded, ranMicros: ranMicros, timeoutSeconds: command.timeoutSeconds, step: step)
                if let contradiction = timeout.contradiction { driver.contradicted(contradiction) }
                let result = CommandResult(termination: timeout.termination)
                if result.succeeded { CommandTraces.leave(by: command.argv, in: fileSystem) }
                return result
            }
        }
        return CommandResult(termination: .cancelled)
    }
}
