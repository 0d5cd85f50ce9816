import ArgumentParser
import EvlogKit

/// The exit codes every evlog command uses: the library's `ExitStatus` values, as ArgumentParser throws them.
extension ExitCode {
    static let planFailed = ExitCode(ExitStatus.planFailed)
    static let usage = ExitCode(ExitStatus.usage)
    static let paused = ExitCode(ExitStatus.paused)
    static let interrupted = ExitCode(ExitStatus.interrupted)

    init(_ status: ExitStatus) { self.init(status.rawValue) }
}
