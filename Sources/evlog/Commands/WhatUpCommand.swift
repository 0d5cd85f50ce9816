import EvlogKit
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

    @OptionGroup var selection: PlanSelection

    func run() throws {
        let log = try global.planLog(selection.plan)
        if let stillborn = log.stillbornNote { throw UserFacingError(stillborn) }
        let timeline = try log.timeline()
        guard let id = timeline.state.plan?.id else { throw UserFacingError("\(log.path) holds no plan\(log.noPlanReason.map { " (\($0))" } ?? " yet")") }
        let row = PlanRow(id: id, state: timeline.state, writer: log.writer)
        let report = OpenStepsReport(timeline, status: row.status)
        if global.json {
            Terminal.print(try JSONText.encode(report))
        } else {
            Terminal.write(Array(report.text(style: global.textStyle).utf8))
        }
    }
}
