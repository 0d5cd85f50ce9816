import Foundation
import InstallModel
import Orchestrator
import Testing

/// When a command's stdout and stderr could only be kept in read order (no write notices, a lost notice),
/// the log says so: its `command_finished` carries why, and its step's note repeats it.
@Suite struct OutputOrderNoteTests {
    /// Answers every command at once; a command named `unordered` reports the order lost.
    struct Runner: CommandRunner {
        static let reason = "no write notices (inotify_init1: Too many open files): stdout and stderr are in the order they were read"

        func run(_ command: CommandSpec, io: any StepIO) async -> CommandResult {
            io.emit(.stdout, Array("out\n".utf8))
            io.emit(.stderr, Array("err\n".utf8))
            return CommandResult(termination: .exited(0), outputOrder: command.argv.first == "unordered" ? Runner.reason : nil)
        }
    }

    @Test func aCommandWhoseOutputOrderWasLostSaysSoInTheLogAndInItsStepsNote() async throws {
        let steps = ["unordered", "ordered"].map { name in
            Step(id: StepID(name), label: name, action: .postInstall(CommandParameters(argv: [name])))
        }
        let plan = Plan(id: PlanID("p-order0000001"), tools: ["x"], profile: SealTrustTests.profile, steps: steps)
        let clock = SystemClock()
        let host = PlanHost(
            runner: Runner(), fileSystem: LocalFileSystem(), clock: clock, makeDriver: { ConcurrentDriver(clock: clock) },
            environment: ["PATH": "/usr/bin:/bin"], userHome: "/nonexistent", workDirectory: "/nonexistent/w", backupDirectory: "/nonexistent/b")
        let store = MemoryEventStore()
        let session = PlanSession(store: store, host: host, settings: .init(run: RunSettings(jobs: 1)))
        #expect(try await session.start(plan) == .done)
        try session.close()

        // Read back from the stored records: the reason survives encoding.
        let events = try store.events()
        let finished = events.compactMap { event -> (StepID, String?)? in
            guard case .commandFinished(let step, _, let order, _) = event.body else { return nil }
            return (step, order)
        }
        #expect(finished.map(\.0) == ["unordered", "ordered"])
        #expect(finished.map(\.1) == [Runner.reason, nil])
        let notes = Dictionary(uniqueKeysWithValues: events.compactMap { event -> (StepID, String?)? in
            guard case .stepDone(let step, _, _, let note) = event.body else { return nil }
            return (step, note)
        })
        #expect(notes["unordered"] == .some("output order: \(Runner.reason)"))
        #expect(notes["ordered"] == .some(nil))
    }

    /// On this system the kernel's write notices are there: a real command's output is in write order.
    @Test func aRealCommandKeepsWriteOrderOnLinux() async throws {
        #if os(Linux)
        let io = RecordingIO()
        let result = await SubprocessRunner().run(
            CommandSpec(argv: ["sh", "-c", "echo 1; echo 2 >&2"], environment: ["PATH": "/usr/bin:/bin"], timeoutSeconds: 10), io: io)
        #expect(result.succeeded && result.outputOrder == nil)
        #endif
    }
}
