import EvlogKit
import Foundation
import ArgumentParser
import InstallModel
import Orchestrator
import Rendering

/// `evlog status <plan>`: the plan's state from the fold, starting at its last checkpoint.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show a plan's current state (folded from its log).",
        discussion: "Examples:\n  evlog status p-3f2a9c01b7de\n  evlog status p-3f2a9c01b7de --json")

    @OptionGroup var global: GlobalOptions

    @OptionGroup var selection: PlanSelection

    func run() throws {
        let log = try global.planLog(selection.plan)
        if let stillborn = log.stillbornNote { throw UserFacingError(stillborn) }
        let fold = try log.currentSealedFold()
        let (state, damage) = (fold.state, fold.damage)
        guard let planValue = state.plan else {
            let reason = log.noPlanReason.map { " (\($0))" } ?? " yet"
            throw UserFacingError("\(log.path)\(damage.map { " is \($0.summary) and" } ?? "") holds no plan\(reason)")
        }
        var row = PlanRow(id: planValue.id, state: state, writer: log.writer, damage: damage)
        row.headerLabel = log.mislabelNote == nil ? nil : log.mislabel
        row.unsealed = fold.unsealed
        row.sealNote = log.sealNote
        if let note = row.sealNote { Terminal.print("evlog: warning: " + note, to: STDERR_FILENO) }
        let archive = PlanArchive(home: global.homeDirectory)
        // The home's judgement the fold made already (`HomeVouching`): no second pass over the log and the record.
        if damage != nil { row.damageEndsBeforeASeenSeal = fold.rolledBack != nil }
        let ownHome = HomeIdentity(archive: archive).existing
        row.elsewhere = log.origin(ownHome: ownHome)
        if planValue.simulation?.isReproduction == true {
            // A reproduction keeps the original's plan id inside; it is known by its own log's name (repro12 F3).
            row.markReproduction(in: log)
            row.id = PlanID(URL(fileURLWithPath: log.path).deletingPathExtension().lastPathComponent)
        }
        if global.json {
            Terminal.print(try JSONText.encode(StatusReport.json(row)))
        } else {
            Terminal.print(StatusReport.text(row, style: TextStyle(colored: global.useColor), mislabel: log.mislabelNote))
            if let origin = row.elsewhere {
                Terminal.print("  \(origin.note)")
            }
        }
        // Exit and `ok` agree (review15 R6): a broken seal decides nothing, so an edited log is no plan that finished.
        if state.status == .failed || row.sealNote != nil { throw ExitCode.planFailed }
    }
}
