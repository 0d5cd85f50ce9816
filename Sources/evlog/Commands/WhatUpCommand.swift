import ArgumentParser
import Orchestrator
import Rendering

/// `evlog what-up <plan>`: steps started and never finished (what a crash or Ctrl-C left open).
struct WhatUpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "what-up", abstract: "Show steps that started and never finished: what a crash left open.",
        discussion: """
            Examples:
              evlog what-up p-3f2a9c01b7de
              evlog what-up p-3f2a9c01b7de --json | jq '.open[].command'
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Plan id or path to its .evlog file.", completion: .custom(PlanCompletion.planIDs))
    var plan: String

    func run() throws {
        let path = try ArchiveAccess.resolve(plan, archive: PlanArchive(home: global.homeDirectory))
        let timeline = try ReadSide.timeline(path, global: global)
        guard let id = timeline.state.plan?.id else { throw UserFacingError("\(path) holds no plan yet") }
        let row = PlanRow(id: id, state: timeline.state, live: PlanArchive.writerPID(path) != nil)
        let report = OpenStepsReport(timeline, status: row.status)
        if global.json {
            Terminal.print(try JSONText.encode(report))
        } else {
            Terminal.write(Array(report.text(style: global.textStyle).utf8))
        }
    }
}
