import EvlogKit
import Foundation
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

    @OptionGroup var keys: ReaderKeyOptions

    func run() throws {
        let log = try global.planLog(selection.plan)
        let (report, warnings) = try FailureReport.of(log, keys: keys.trusted())
        for warning in warnings { Terminal.print("evlog: warning: " + warning, to: STDERR_FILENO) }
        if global.json {
            Terminal.print(try JSONText.encode(report))
        } else {
            Terminal.write(Array(report.text(style: global.textStyle).utf8))
        }
        if !report.failures.isEmpty { throw ExitCode.planFailed }
    }
}
