import EvlogKit
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
            The plan runs again in the simulator with its own id, user, home and work directories, every
            session in order (interruptions, resumes, remedies, acknowledgements), its steps started as
            the log started them and each command printing what the log recorded. Each event is compared
            with the original's as it is recorded (not ids, times or chunk boundaries); the first
            difference stops it and is shown with the lines before it. The reproduction's log is kept
            under <home>/reproductions/ (`evlog list --all`), apart from the plans you ran.

            Examples:
              evlog reproduce ~/Downloads/p-3f2a9c01b7de.evlog
              evlog reproduce p-3f2a9c01b7de --home /tmp/repro
              evlog reproduce --check build/p-3f2a9c01b7de.evlog     in CI: exit 0 or 1, nothing kept
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Only check that the log reproduces (exit 0, or 1 with the first difference); keep nothing.")
    var check = false

    @Argument(help: "A plan id or a path to an .evlog file (e.g. one sent from another machine).")
    var log: String

    func run() async throws {
        let original = try global.planLog(log)
        let outline = try ReproduceCommand.outline(of: original)
        let id = SeededIDSource(seed: PlanIdentity.freshSeed()).nextPlanID()
        let scratch = check ? FileManager.default.temporaryDirectory.appendingPathComponent("evlog-check-\(id)").path : nil
        defer { if let scratch { try? FileManager.default.removeItem(atPath: scratch) } }
        let writer = try PlanArchive(home: scratch ?? global.homeDirectory).createReproduction(named: id, createdAt: outline.createdAt)
        let store = try SealingEventStore.forLog(writer, key: try KeyCommand.hostKey())
        let compared: Int
        do {
            compared = try await Reproduction.run(
                outline, events: try ReproduceCommand.events(of: original), into: store, alternatives: CatalogAlternatives())
        } catch let difference as LogComparison.Difference {
            try? writer.close()
            Terminal.print(difference.description)
            if scratch == nil { Terminal.print("reproduction's log: \(writer.path)") }
            throw ExitCode.planFailed
        }
        let sessions = outline.sessions.count
        Terminal.print(
            "reproduced \(outline.plan.id) (\(sessions) session\(sessions == 1 ? "" : "s")): \(compared) transitions and outputs match the original (ids and times aside)")
        if scratch == nil { Terminal.print("log: \(writer.path)") }
    }

    /// The log's outline, or why it cannot be reproduced (exit 2).
    static func outline(of log: PlanLog) throws -> ReproductionOutline {
        do {
            let (outline, stopReason) = try ReproductionOutline.read(log)
            if let stopReason { Terminal.print("evlog: \(stopReason); the part before it is reproduced", to: STDERR_FILENO) }
            return outline
        } catch {
            throw UserFacingError("\(log.path) cannot be reproduced: \(error)")
        }
    }

    static func events(of log: PlanLog) throws -> PlanEventStream {
        do {
            return try log.events()
        } catch {
            throw UserFacingError(error.description)
        }
    }
}
