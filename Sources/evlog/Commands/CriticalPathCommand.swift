import EvlogKit
import ArgumentParser
import Rendering

/// `evlog critical-path <plan>`: the chain of steps that decided the wall time, and every step's slack.
struct CriticalPathCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "critical-path", abstract: "Show the chain of steps that decided a plan's wall time, with slack.",
        discussion: """
            The chain follows dependencies and package-manager ordering back from the step that ended last.

            Examples:
              evlog critical-path p-3f2a9c01b7de
              evlog critical-path p-3f2a9c01b7de --json | jq '.path[] | [.step, .duration_us]'
            """)

    @OptionGroup var global: GlobalOptions

    @OptionGroup var selection: PlanSelection

    func run() throws {
        let path = CriticalPath(try global.planLog(selection.plan).timeline().state)
        if global.json {
            Terminal.print(try JSONText.encode(path))
        } else {
            Terminal.write(Array(path.text(style: global.textStyle).utf8))
        }
    }
}
