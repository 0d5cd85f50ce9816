import ArgumentParser
import Foundation
import InstallModel
import Orchestrator

/// `evlog export <plan> --jsonl`: the log's events as JSON lines (the format `evlog import` reads back).
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export a plan's events (JSONL).",
        discussion: "Examples:\n  evlog export p-3f2a9c01b7de --jsonl > run.jsonl")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Plan id or path to its .evlog file.")
    var plan: String

    @Flag(help: "One JSON object per event, one per line.")
    var jsonl = false

    func validate() throws {
        if !jsonl { throw ValidationError("choose a format: --jsonl") }
    }

    func run() throws {
        let contents = try ArchiveAccess.contents(plan, home: global.homeDirectory)
        var out: [UInt8] = []
        for event in contents.events {
            out += Array((try EventJSON.line(event) + "\n").utf8)
            if out.count > 1 << 20 {
                Terminal.write(out)
                out.removeAll(keepingCapacity: true)
            }
        }
        Terminal.write(out)
        if let damage = contents.damage {
            Terminal.print("evlog: the log is damaged at byte \(damage.offset): \(damage.reason); exported the \(contents.events.count) events before it", to: STDERR_FILENO)
            throw ExitCode.planFailed
        }
    }
}
