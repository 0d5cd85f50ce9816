import EvlogKit
import ArgumentParser
import Foundation
import InstallModel
import Orchestrator
import Rendering
import Sealing
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
            difference stops it and is shown with the lines before it. A log whose end is damaged (torn) is
            reproduced up to the damage, and `--check` exits 1: a match of a fragment is no pass. The reproduction's log is kept
            under <home>/reproductions/ (`evlog list --all`), apart from the plans you ran, and is never
            resumed. Text from the log is shown neutralised. With --json: one line, {"plan", "matches",
            "sessions", "compared", "ended_open", "log", "difference": {"sequence", "context",
            "original", "reproduction", "hint"}, "damaged"}; a log that cannot be reproduced gives
            {"plan": null, "matches": false, "error"} (exit 2).

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

    /// The JSON line of an exit 2 of `reproduce --json` (`EvlogMain.refuse`): scripts reading --json get the reason on
    /// stdout too (repro12 F6, repro20 #3), whichever check refused; nil for any other command line.
    static func refusalJSON(_ reason: String, arguments: [String]) -> String? {
        let options = arguments.prefix { $0 != "--" }
        guard options.first == configuration.commandName, options.contains("--json") else { return nil }
        return try? JSONText.encode(ReproductionVerdict.refusal(reason))
    }

    func run() async throws {
        let original = try global.planLog(log)
        let (outline, damage) = try ReproduceCommand.outline(of: original)
        // `--check` keeps nothing, so it writes nothing: no log to buffer, compress and seal (F10: memory).
        let reproduction = try check ? nil : ReproduceCommand.reproductionLog(in: PlanArchive(home: global.homeDirectory), of: outline)
        do {
            // Never sealed by this host's key: a reproduction is a simulation of someone's log, which no seal of this host may
            // vouch for as a plan it ran (integrity18 #10: an unsealed log reproduced came out host-sealed); integrity only.
            let store: any EventStore = try reproduction.map { try SealingEventStore.forLog($0.writer, key: nil) } ?? DiscardingEventStore()
            let compared = try await Reproduction.run(
                outline, events: try ReproduceCommand.events(of: original), into: store, alternatives: CatalogAlternatives())
            try report(ReproductionVerdict(outline: outline, compared: compared, difference: nil, log: try reproduction?.keep(), damage: damage))
            // A damaged log matched only in the part before its damage: for CI that is no pass (repro20 #7).
            if check, damage != nil { throw ExitCode.planFailed }
        } catch let difference as LogComparison.Difference {
            try report(ReproductionVerdict(outline: outline, compared: nil, difference: difference, log: try reproduction?.keep(), damage: damage))
            throw ExitCode.planFailed
        } catch let exit as ExitCode {
            throw exit
        } catch {
            // Cut short (a write error): no log that would say the original stopped here (repro20 #2).
            reproduction?.discard()
            throw error
        }
    }

    /// The reproduction's log, in a home judged by the rule `install` and `run` use as root (repro20 #9): one another
    /// user may change is refused, so root's writes never land where that user points.
    private static func reproductionLog(in archive: PlanArchive, of outline: ReproductionOutline) throws -> ReproductionLog {
        try archive.refuseSharedHome()
        return try archive.createReproduction(named: PlanIdentity.freshPlanID(), of: outline.plan, createdAt: outline.createdAt)
    }

    /// Prints the verdict as text, or as one JSON line with `--json`.
    private func report(_ verdict: ReproductionVerdict) throws {
        if global.json {
            Terminal.print(try JSONText.encode(verdict.json))
        } else {
            for line in verdict.lines { Terminal.print(line) }
        }
    }

    /// The log's outline, or why it cannot be reproduced (exit 2): besides what `ReproductionOutline` refuses,
    /// a log still being written (compared as it grows, it would end where the reading did), a bundle
    /// that is not whole (cut short, or changed: a bundle is a finished log sent as it was sealed), and a log
    /// whose seals show it was changed (a crash's unsealed tail is no change: it is reproduced). The seals are
    /// checked in the outline's own pass over the log (`SealStreamVerifier`), which ends before anything is
    /// replayed or printed: the file is read once for both, and an edited log is refused before any output.
    /// Returns the outline and, for a log whose end is damaged (torn), what the damage is.
    static func outline(of log: PlanLog) throws -> (outline: ReproductionOutline, damage: String?) {
        if let pid = log.writer.pid {
            throw UserFacingError("\(log.path) is being written by process \(pid): the plan is still running; reproduce it once it has ended")
        }
        let seals = SealStreamVerifier(path: log.path)
        let read: Result<(outline: ReproductionOutline, stopReason: String?), ReproductionOutline.Obstacle>
        do {
            read = .success(try ReproductionOutline.read(log, observingRecords: seals.observe))
        } catch {
            read = .failure(error)
        }
        // The seals' verdict first: an edit is named as one, whatever else it broke.
        let report = seals.report
        if log.path.hasSuffix(PlanLog.bundleExtension) {
            guard let report, report.isWholeBundle else {
                throw UserFacingError(
                    "\(log.path) cannot be reproduced: it is not a whole bundle (\(shown: report?.summary ?? "its seals cannot be read")); see `evlog verify`")
            }
        }
        // Its reproduction would tell of content nobody vouched for (FORMAT.md §9.5).
        if let edit = report?.editFound {
            throw UserFacingError("\(log.path) cannot be reproduced: it was changed after it was written (\(shown: edit)); see `evlog verify`")
        }
        switch read {
        case .success(let (outline, stopReason)):
            if let stopReason { Terminal.print("evlog: \(shown: stopReason); the part before it is reproduced", to: STDERR_FILENO) }
            return (outline, stopReason)
        case .failure(let obstacle):
            throw UserFacingError("\(log.path) cannot be reproduced: \(shown: obstacle)")
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
