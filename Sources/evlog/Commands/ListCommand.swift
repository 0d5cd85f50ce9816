import EvlogKit
import ArgumentParser
import EventLog
import Foundation
import InstallModel
import Orchestrator
import Rendering

/// `evlog list`: the plans in this home with status, tools and age, the one written last at the bottom.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List plans: pending, running, interrupted, failed, done.",
        discussion: "A log whose file is named for another plan than its sealed header names (copied or renamed) is listed under the header's plan, flagged with its file name; --json gives it as header_label.\nExamples:\n  evlog list\n  evlog list --json | jq 'select(.status == \"failed\")'")

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Also list reproductions (`evlog reproduce`, kept under <home>/reproductions/), after the plans.")
    var all = false

    @OptionGroup var keys: ReaderKeyOptions

    func run() throws {
        let trusted = try keys.trusted()
        let home = global.homeDirectory
        let now = Int64(Date().timeIntervalSince1970 * 1_000_000)
        let reproductions = all ? PlanLog.all(inDirectory: PlanArchive(home: home).reproductionsDirectory) : []
        let ownHome = HomeIdentity(archive: PlanArchive(home: home)).existing
        let listed = (PlanLog.all(home: home) + reproductions).compactMap { log -> PlanRow? in
            guard var row = PlanRow(of: log, keys: trusted) else { return nil }
            if reproductions.contains(log) { row.markReproduction(in: log) } else { row.elsewhere = log.origin(ownHome: ownHome) }
            return row
        }
        if global.json {
            for row in listed { Terminal.print(try JSONText.encode(row.json(nowMicros: now))) }
            return
        }
        if listed.isEmpty {
            Terminal.print("no plans in \(PlanArchive(home: home).plansDirectory); start one with `evlog install <tool>`")
            return
        }
        for row in listed {
            let origin = row.elsewhere.map { "  (\($0.note))" } ?? ""
            let age = row.age(nowMicros: now).map { DurationText.age(microseconds: $0) } ?? "simulated"
            let tools = (row.state.plan.map { "\(shown: $0.title)" } ?? "") + (row.reproductionOf.map { "  (reproduction of \($0))" } ?? "")
            let damage = (row.damage.map { "  log \($0.summary)" } ?? "")
                + (row.unsealed.flatMap { row.live ? nil : $0.appendedLater ? "  (not sealed: records after its last seal not taken)" : "  (unsealed tail)" } ?? "")
            let mislabel = (row.headerLabel == nil ? "" : "  (in \(shown: row.id).evlog: a file named for another plan)")
                + (row.sealBrokenMark.map { "  (\(shown: $0))" } ?? "")
            Terminal.print("\(shown: row.headerLabel ?? row.id.rawValue)  \(row.status.padding(toLength: 11, withPad: " ", startingAt: 0)) \(row.state.stepTally) steps  \(age.padding(toLength: 9, withPad: " ", startingAt: 0)) \(tools)\(origin)\(damage)\(mislabel)")
        }
    }
}
