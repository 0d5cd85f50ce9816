import ArgumentParser
import Foundation
import InstallModel
import Orchestrator
import Rendering

/// `evlog export <plan> --jsonl | --trace | --html`: the log as JSON lines (what `evlog import` reads
/// back), as a Chrome/Perfetto trace, or as one self-contained HTML report.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export a plan's log as JSONL, a Perfetto trace or an HTML report.",
        discussion: """
            Exactly one format. The output goes to standard output. --fleet-html DIR reads every .evb bundle and
            .evlog log in DIR, writes each one's report next to it (NAME.html) and prints one page for the fleet.

            Examples:
              evlog export p-3f2a9c01b7de --jsonl > run.jsonl        read back with `evlog import run.jsonl`
              evlog export p-3f2a9c01b7de --trace > run.trace.json   open in ui.perfetto.dev or chrome://tracing
              evlog export p-3f2a9c01b7de --html > run.html          one file: DAG, timeline, failure, output
              evlog export --fleet-html bundles/ > bundles/index.html  hosts done and failed, by failure kind
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Plan id or path to its .evlog file.", completion: .custom(PlanCompletion.planIDs))
    var plan: String?

    @Flag(help: "One JSON object per event, one per line.")
    var jsonl = false

    @Flag(help: "Chrome/Perfetto trace JSON: steps as slices on parallel lanes, commands nested, output as instants.")
    var trace = false

    @Flag(help: "A single self-contained HTML report.")
    var html = false

    @Option(name: .customLong("fleet-html"), help: "A directory of bundles/logs: one HTML page for the fleet.")
    var fleetHTML: String?

    func validate() throws {
        let chosen = [jsonl, trace, html, fleetHTML != nil].filter { $0 }.count
        if chosen != 1 { throw ValidationError("choose exactly one format: --jsonl, --trace, --html or --fleet-html DIR") }
        if (plan == nil) != (fleetHTML != nil) { throw ValidationError("name a plan, or use --fleet-html DIR without one") }
    }

    func run() throws {
        if let fleetHTML { return Terminal.write(Array(try FleetExport.page(directory: fleetHTML).utf8)) }
        guard let plan else { return }
        let contents = try ArchiveAccess.contents(plan, home: global.homeDirectory)
        if jsonl {
            var out: [UInt8] = []
            for event in contents.events {
                out += Array((try EventJSON.line(event) + "\n").utf8)
                if out.count > 1 << 20 {
                    Terminal.write(out)
                    out.removeAll(keepingCapacity: true)
                }
            }
            Terminal.write(out)
        } else {
            let timeline = RunTimeline(events: contents.events)
            let text = trace ? try TraceExport.json(timeline) + "\n" : HTMLReport.html(timeline)
            Terminal.write(Array(text.utf8))
        }
        if let damage = contents.damage {
            Terminal.print("evlog: the log is damaged at byte \(damage.offset): \(damage.reason); exported the \(contents.events.count) events before it", to: STDERR_FILENO)
            throw ExitCode.planFailed
        }
    }
}
