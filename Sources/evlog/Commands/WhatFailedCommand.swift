import EvlogKit
import ArgumentParser
import InstallModel
import Orchestrator
import Rendering

/// `evlog what-failed <plan>`: failed steps with their diagnosis, remediations and last output lines.
struct WhatFailedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "what-failed", abstract: "Show a plan's failed steps: diagnosis, remediations, last output lines.",
        discussion: """
            Exits with 1 when the plan has failed steps, 0 when it has none.

            Examples:
              evlog what-failed p-3f2a9c01b7de
              evlog what-failed p-3f2a9c01b7de --json | jq '.failures[].kind'
            """)

    @OptionGroup var global: GlobalOptions

    @OptionGroup var selection: PlanSelection

    func run() throws {
        let log = try global.planLog(selection.plan)
        log.warnIfSealsFail()
        // On a huge log, only the part from the checkpoint before the failed attempts is decoded.
        let state = try log.currentState()
        let failed = state.steps.filter { $0.status == .failed }
        var report = FailureReport(try log.timeline(coveringLastAttemptsOf: failed))
        if !log.writer.isRunning { report.writerStopped(state) }
        if let unsealed = log.unsealedProposalsWarned() {
            for index in report.failures.indices where unsealed.steps.contains(report.failures[index].step) { report.failures[index].remediations = [] }
        }
        if global.json {
            Terminal.print(try JSONText.encode(report))
        } else {
            Terminal.write(Array(report.text(style: global.textStyle).utf8))
        }
        if !report.failures.isEmpty { throw ExitCode.planFailed }
    }
}
