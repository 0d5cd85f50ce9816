import Foundation
import InstallModel
import Orchestrator
import Simulator
import Testing

/// repro20 #5: a step that failed in evlog's own file work (a write of `~/.bashrc` refused with EACCES), not in a
/// command, fails so again in a reproduction: the simulated file system gives the recorded error to the change of the
/// file it names (`RecordedFileFailures`), so the log reproduces, later sessions (a resume that retried it) too.
@Suite struct OwnFileFailureTests {
    static let errors = [
        "Permission denied (errno 13)", "No space left on device (errno 28)", "Read-only file system (errno 30)", "Disk quota exceeded (errno 122)",
    ]
    /// How the file system's error names what it failed on (`form` of 3): the temporary beside the file, the file, a
    /// directory on its way.
    static func naming(_ form: Int, _ path: String) -> String {
        let slash = path.lastIndex(of: "/")!
        switch form {
        case 0: return "open failed on \(path[...slash]).\(path[path.index(after: slash)...]).tmp-11616-b90b7cb48024b029: "
        case 1: return "rename failed on \(path): "
        default: return "mkdir \(path[..<slash]) failed: "
        }
    }
    static let namingForms = 3

    static let plan = Plan(
        id: PlanID("p-ownwrite"), tools: [], profile: Samples.profile,
        steps: [Step(id: "shell-path", label: "PATH", action: .shellConfig(ShellConfigParameters(shell: .bash, pathEntries: ["~/.local/bin"])))],
        simulation: Simulation(fixtureSet: Simulation.syntheticSet, seed: 1))
    static let profileFile = PlanEnvironment.simulated.userHome + "/.bashrc"

    /// Every error, named every way, in a log that ends failed and in one resumed after it (the step retried and done).
    @Test(arguments: 0..<(errors.count * namingForms * 2))
    func aStepFailedByAFileErrorReproduces(index: Int) async throws {
        let error = Self.errors[index % Self.errors.count]
        let named = Self.naming((index / Self.errors.count) % Self.namingForms, Self.profileFile)
        let resumed = index >= Self.errors.count * Self.namingForms
        let original = try await Self.originalFailing(reason: "could not write \(Self.profileFile): \(named)\(error)", resumed: resumed)
        let outline = try ReproductionOutline.read(original)
        #expect(outline.sessions.count == (resumed ? 2 : 1))
        let compared = try await Reproduction.run(outline, events: original, into: MemoryEventStore(), analyser: LastLinesAnalyser())
        #expect(compared == original.count - original.filter { if case .checkpoint = $0.body { true } else { false } }.count)
    }

    /// An error that names another file than the ones the step changes is not given to it: the difference says why.
    @Test func anErrorNamingNoFileTheStepChangesIsExplained() async throws {
        let failing = "could not write \(Self.profileFile): rename failed on \(Self.profileFile): Permission denied (errno 13)"
        let reason = "could not write \(Self.profileFile): open failed on /elsewhere/.x.tmp-1-00: Permission denied (errno 13)"
        // The original's failure as recorded, its error naming a file the step does not change.
        let original = try await Self.originalFailing(reason: failing, resumed: false).map { event -> Event in
            guard case .stepFailed(let step, var cause, let micros) = event.body else { return event }
            cause.message = reason
            return Event(sequence: event.sequence, time: event.time, body: .stepFailed(step: step, cause: cause, durationMicros: micros))
        }
        let outline = try ReproductionOutline.read(original)
        #expect(outline.ownFileFailure?.step == "shell-path")
        do {
            _ = try await Reproduction.run(outline, events: original, into: MemoryEventStore(), analyser: LastLinesAnalyser())
            Issue.record("a write that failed in the original succeeded in the reproduction, and no difference was found")
        } catch let difference as LogComparison.Difference {
            #expect(difference.hint?.contains("failed in evlog's own file work, not in a command (\(reason))") == true, "\(difference.hint ?? "no hint")")
        }
    }

    /// The log of a run whose profile write failed with `reason` (a simulated file system giving that error), resumed once
    /// with the write then succeeding when `resumed`.
    static func originalFailing(reason: String, resumed: Bool) async throws -> [Event] {
        let clean = try await SimulationHarness(plan: plan, fixtures: FixtureSet(name: "unused", fixtures: [])).run().0.events()
        let started = try #require(clean.first { if case .stepStarted = $0.body { true } else { false } }?.sequence)
        let failures = RecordedFileFailures([started: reason])
        failures.stepStarted("shell-path", at: started)
        var harness = SimulationHarness(plan: plan, fixtures: FixtureSet(name: "unused", fixtures: []))
        harness.makeFileSystem = { SimulatedFileSystem(failures: failures) }
        let (store, status) = try await harness.run()
        try #require(status == .failed)
        let failed = try store.events().contains { if case .stepFailed(_, let cause, _) = $0.body { cause.message == reason } else { false } }
        try #require(failed, "the simulated write did not fail with the reason given")
        guard resumed else { return try store.events() }
        harness.makeFileSystem = { SimulatedFileSystem() }
        let (again, end) = try await harness.run(records: store.records)
        try #require(end == .done)
        return try again.events()
    }
}
