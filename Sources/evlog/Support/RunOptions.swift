import EvlogKit
import ArgumentParser

/// Flags shared by the commands that execute a plan (`install`, `resume`, `remedy`, `run`).
struct RunOptions: ParsableArguments {
    @Flag(name: [.customShort("y"), .long], help: "Do not ask for confirmation.")
    var yes = false

    @Option(help: "Steps to run at once (default: number of cores). Package-manager steps never overlap.")
    var jobs: Int?

    @Flag(help: "Read the sudo password from the first line of standard input (for scripts).")
    var sudoPasswordStdin = false

    @Flag(help: "Apply automatic remediations when a step fails (at most 5 deep per step).")
    var remediate = false

    @Option(name: .customLong("crash-at-event"), help: .hidden)
    var crashAtEvent: UInt64?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
    }
}
