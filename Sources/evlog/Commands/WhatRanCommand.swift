import EvlogKit
import Orchestrator
import ArgumentParser
import Rendering

/// `evlog what-ran <plan>`: every command with its step, exit code, duration and a line to run it again.
struct WhatRanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "what-ran", abstract: "List every command a plan ran, with exit code, duration and how to run it again.",
        discussion: """
            Command lines are shell-quoted and come from the log, where secrets are already redacted.

            Examples:
              evlog what-ran p-3f2a9c01b7de
              evlog what-ran p-3f2a9c01b7de --json | jq -r 'select(.exit_code != 0) | .command_line'
            """)

    @OptionGroup var global: GlobalOptions

    @OptionGroup var selection: PlanSelection

    @OptionGroup var keys: ReaderKeyOptions

    func run() throws {
        let log = try global.planLog(selection.plan)
        // One pass over the log's seals for the warning, the commands shown and the tail's mark.
        let reading = log.warnIfSealsFail(keys: try keys.trusted())
        let timeline = try log.timeline(reading: reading)
        let history = CommandHistory(timeline, tailNotSealed: PlanLog.unsealedTailReason(reading.report))
        if global.json {
            for entry in history.commands { Terminal.print(try JSONText.encode(entry)) }
        } else {
            Terminal.write(Array(history.text(style: global.textStyle).utf8))
        }
    }
}
