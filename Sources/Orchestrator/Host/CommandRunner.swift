import InstallModel

/// Runs one command and streams its output to a step's `StepIO`.
///
/// Contract every conformer keeps (tests in OrchestratorTests check both the real and simulated
/// runner): output is emitted as it arrives, not at exit; a missing program ends as `.notFound`
/// (never a thrown error); `timeoutSeconds` ends the whole process tree and returns `.timedOut`;
/// cancelling the calling task stops the process tree and returns `.cancelled`.
public protocol CommandRunner: Sendable {
    func run(_ command: CommandSpec, io: any StepIO) async -> CommandResult
    /// Whether `run` reports the process it starts through `StepIO.commandLaunched` (real processes do;
    /// a simulation has none). The command is then recorded as started once its process is known.
    var reportsLaunch: Bool { get }
}

extension CommandRunner {
    public var reportsLaunch: Bool { false }
}
