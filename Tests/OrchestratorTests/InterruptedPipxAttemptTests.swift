import InstallModel
import Simulator
import Testing

@testable import Orchestrator

/// A pipx step run again after an attempt killed once pipx had made the venv (and before the step recorded it)
/// owns that venv when the plan found none; a venv the plan found is the user's, and a plan that did not record
/// what it found (an older log) claims nothing (truth12 F6).
struct InterruptedPipxAttemptTests {
    static let home = "/home/dev"
    static let metadata = home + "/.local/share/pipx/venvs/yamllint/" + PipxVenvName.metadataFile

    /// What the plan recorded of the venv when it was created.
    enum Recorded: CaseIterable { case nothing, absent, present }

    @Test(arguments: [1, 2, 3], Recorded.allCases)
    func aWholeVenvIsTheStepsOnlyWhenThePlanFoundNone(attempt: Int, recorded: Recorded) async {
        let files = SimulatedFileSystem(files: [Self.metadata: Array("{}".utf8)])
        let io = ChangeRecordingIO()
        var context = ExecutionContext(
            runner: AlreadyInstalledPipx(), fileSystem: files, profile: .debianRoot, io: io, environment: [:], userHome: Self.home,
            workDirectory: "/w", backupDirectory: "/b", sudoPassword: nil, timeoutSeconds: 60)
        context.attempt = attempt
        context.filesBeforePlan = switch recorded {
        case .nothing: nil
        case .absent: [Self.home + "/.bashrc"]
        case .present: [Self.metadata]
        }
        _ = await ToolExecutor.execute(ToolParameters(installer: .pipx, package: "yamllint"), needsRoot: false, context: context)
        let owned = attempt > 1 && recorded == .absent
        #expect(io.changes.withLock { $0 } == [PackageSetChange(manager: .pipx, added: owned ? ["yamllint"] : [])], "attempt \(attempt), \(recorded)")
    }

    /// The plan looks for the venv's metadata wherever pipx would keep it, and records it only when it is there.
    @Test func aPlanRecordsWhetherPipxHadTheVenv() {
        let step = Step(id: "pipx-yamllint", label: "Install yamllint with pipx", action: .tool(ToolParameters(installer: .pipx, package: "yamllint==1.*")))
        let plan = Plan(id: PlanID("p-000000000001"), tools: ["yamllint"], profile: .debianRoot, steps: [step])
        let interest = FileFacts.interest(in: plan, userHome: Self.home)
        #expect(interest[Self.metadata] != nil)
        #expect(FileFacts.interest(in: plan, userHome: Self.home, environment: ["PIPX_HOME": "/opt/pipx"]).keys.contains("/opt/pipx/venvs/yamllint/pipx_metadata.json"))
        #expect(FileFacts.record(interest, in: SimulatedFileSystem(files: [Self.metadata: []])).map(\.path) == [Self.metadata])
        #expect(FileFacts.record(interest, in: SimulatedFileSystem(files: [:])).isEmpty)
    }
}

/// pipx finding the venv whole: it changes nothing and exits 0.
private struct AlreadyInstalledPipx: CommandRunner {
    func run(_ command: CommandSpec, io: any StepIO) async -> CommandResult {
        io.emit(.stderr, Array("'yamllint' already seems to be installed. Not modifying existing installation".utf8))
        return CommandResult(termination: .exited(0))
    }
}
