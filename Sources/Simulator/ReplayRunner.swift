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
    /// Files the log shows on disk after a fetch of them that did not finish (`ReproductionOutline.filesPresentBeforeFetch`).
    private let partialFetches: Set<String>

    public init(driver: ReplayDriver, fileSystem: SimulatedFileSystem, partialFetches: Set<String> = []) {
        self.driver = driver
        self.fileSystem = fileSystem
        self.partialFetches = partialFetches
    }

    public func run(_ command: CommandSpec, io: any StepIO) async -> CommandResult {
        while let recorded = await driver.recorded() {
            switch recorded {
            case .output(let stream, let bytes):
                io.emit(stream, bytes)
            case .finished(let recorded, let ranMicros, let outputOrder):
                guard let step = ReplayDriver.currentStep else { return CommandResult(termination: .cancelled) }
                let timeout = RecordedTimeout(recorded, ranMicros: ranMicros, timeoutSeconds: command.timeoutSeconds, step: step)
                if let contradiction = timeout.contradiction { driver.contradicted(contradiction) }
                let result = CommandResult(termination: timeout.termination, outputOrder: outputOrder)
                if result.succeeded || leavesPartialFetch(command.argv) { CommandTraces.leave(by: command.argv, in: fileSystem) }
                return result
            }
        }
        return CommandResult(termination: .cancelled)
    }

    /// A `curl -o FILE` that did not finish leaves the part it fetched when the log shows FILE there afterwards.
    private func leavesPartialFetch(_ argv: [String]) -> Bool {
        let command = Array(SimulatedRunner.command(argv))
        guard command.first == "curl", let option = command.firstIndex(of: "-o"), option + 1 < command.count else { return false }
        return partialFetches.contains(command[option + 1])
    }
}
