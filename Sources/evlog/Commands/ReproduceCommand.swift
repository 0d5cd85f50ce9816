import ArgumentParser
import Foundation
import InstallModel
import Orchestrator
import Simulator

/// `evlog reproduce <log>`: re-run a recorded plan offline against the outputs its log recorded.
struct ReproduceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reproduce",
        abstract: "Re-drive the executors against the outputs a log recorded, on any machine, deterministically.",
        discussion: """
            The commands in the log become a fixture set (kept under <home>/fixtures/<new-plan-id>); the
            same plan then runs in the simulator, and its events are compared with the original's
            (everything but ids, times and chunk boundaries must match).

            Examples:
              evlog reproduce ~/Downloads/p-3f2a9c01b7de.evlog
              evlog reproduce p-3f2a9c01b7de --home /tmp/repro
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "A plan id or a path to an .evlog file (e.g. one sent from another machine).")
    var log: String

    func run() async throws {
        let original = Array(try global.planLog(log).readableEvents())
        // The plan as created: the folded one also holds the steps remediations added, which the
        // reproduction adds again when it applies the same remediations.
        let created = original.lazy.compactMap { event -> Plan? in
            if case .planCreated(let plan) = event.body { return plan }
            return nil
        }.first
        guard let plan = created ?? PlanState.fold(original).plan else { throw UserFacingError("\(log) holds no plan to reproduce") }
        let archive = PlanArchive(home: global.homeDirectory)
        let id = SeededIDSource(seed: PlanIdentity.freshSeed()).nextPlanID()
        let fixtureDirectory = archive.fixturesDirectory + "/" + id.rawValue
        let fixtures = FixtureExtraction.fixtures(from: original, source: "extracted from the log of \(plan.id)")
        try FixtureSet(name: id.rawValue, fixtures: fixtures).write(to: fixtureDirectory)
        var copy = plan
        copy.id = id
        copy.simulation = Simulation(fixtureSet: fixtureDirectory, seed: 0)
        // Remediations the first run applied by itself (`--remediate`) are applied again; ones applied
        // later (`evlog remedy`) are past the first run, which is all a reproduction replays.
        let firstRun = EventBody.firstRun(of: original)
        let remediated = firstRun.contains { if case .remediationApplied = $0.body { true } else { false } }
        let options = try RunOptions.parse(remediated ? ["--yes", "--remediate"] : ["--yes"])
        let execution = PlanExecution(archive: archive, global: global, options: options, sudoPassword: nil)
        let outcome = try await execution.start(copy) { true }
        let path = outcome.logPath
        let reproduced = Array(try PlanLog(path: path).readableEvents())
        let expected = FixtureExtraction.signature(of: Array(firstRun))
        let actual = FixtureExtraction.signature(of: reproduced)
        let firstDifference = zip(expected, actual).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        if let index = firstDifference ?? (expected.count == actual.count ? nil : min(expected.count, actual.count)) {
            Terminal.print("reproduction differs from the original at comparison line \(index + 1):")
            Terminal.print("  original:   \(index < expected.count ? expected[index] : "(end)")")
            Terminal.print("  reproduced: \(index < actual.count ? actual[index] : "(end)")")
            throw ExitCode.planFailed
        }
        Terminal.print("reproduced \(plan.id) as \(id): \(actual.count) transitions and outputs match the original (ids and times aside)")
        Terminal.print("log: \(path)")
    }
}

extension EventBody {
    /// The events of a log's first run, which is all a reproduction replays: through the event that
    /// ended it (done, failed, cancelled, paused), or up to where a later run picked up after a crash or
    /// an interruption. What a later `resume` or `remedy` recorded (retries, remediations) is not part of it.
    static func firstRun(of events: [Event]) -> ArraySlice<Event> {
        var end = events.endIndex
        for (index, event) in events.enumerated() {
            switch event.body {
            case .planDone, .planFailed, .planCancelled, .planPaused: return events[...index]
            case .planInterrupted, .planResumed: end = index
            default: continue
            }
            break
        }
        return events[..<end]
    }
}
