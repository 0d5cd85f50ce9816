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

    @OptionGroup var keys: ReaderKeyOptions

    func run() throws {
        let log = try global.planLog(selection.plan)
        let row = try PlanRow(statusOf: log, home: global.homeDirectory, keys: keys.trusted())
        if let note = row.sealNote { Terminal.print("evlog: warning: " + note, to: STDERR_FILENO) }
        if global.json {
            Terminal.print(try JSONText.encode(StatusReport.json(row)))
        } else {
            Terminal.print(StatusReport.text(row, style: TextStyle(colored: global.useColor), mislabel: log.mislabelNote))
            if let origin = row.elsewhere {
                Terminal.print("  \(origin.note)")
            }
        }
        // Exit and `ok` agree (review15 R6): a broken seal decides nothing, so an edited log is no plan that finished.
        if row.state.status == .failed || row.notAsRecorded { throw ExitCode.planFailed }
    }
}
