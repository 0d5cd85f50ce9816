import EvlogKit
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

    func run() throws {
        let log = try global.planLog(selection.plan)
        log.warnIfSealsFail()
        let timeline = try log.timeline()
        let history = CommandHistory(timeline, tailNotSealed: log.unsealedTailReason)
        if global.json {
            for entry in history.commands { Terminal.print(try JSONText.encode(entry)) }
        } else {
            Terminal.write(Array(history.text(style: global.textStyle).utf8))
        }
    }
}
