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
        let originalLog = try global.planLog(log)
        let original = Array(try originalLog.readableEvents())
        guard let plan = PlanState.fold(original).plan else { throw UserFacingError("\(log) holds no plan to reproduce") }
        let archive = PlanArchive(home: global.homeDirectory)
        let id = SeededIDSource(seed: PlanIdentity.freshSeed()).nextPlanID()
        let fixtureDirectory = archive.home + "/fixtures/" + id.rawValue
        let fixtures = FixtureExtraction.fixtures(from: original, source: "extracted from the log of \(plan.id)")
        try FixtureSet(name: id.rawValue, fixtures: fixtures).write(to: fixtureDirectory)
        var copy = plan
        copy.id = id
        copy.simulation = Simulation(fixtureSet: fixtureDirectory, seed: 0)
        let execution = PlanExecution(archive: archive, global: global, options: try RunOptions.parse(["--yes"]), sudoPassword: nil)
        let outcome = try await execution.start(copy) { true }
        let path = outcome.logPath
        let reproduced = Array(try PlanLog(path: path).readableEvents())
        let expected = FixtureExtraction.signature(of: Array(original.prefix { !$0.body.isResumeBoundary }))
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
    /// Where a first run ended and a later one picked up: a reproduction replays the first run only.
    var isResumeBoundary: Bool {
        switch self {
        case .planInterrupted, .planResumed: true
        default: false
        }
    }
}
