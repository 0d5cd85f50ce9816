import EvlogKit
import ArgumentParser
import Foundation
import InstallModel
import Orchestrator
import Rendering
import Sealing

/// `evlog export <plan> --jsonl | --trace | --html | --asciicast`: the log as JSON lines (what `evlog
/// import` reads back), as a Chrome/Perfetto trace, as one self-contained HTML report, or as an
/// asciicast v2 recording. Every format streams the log: memory does not grow with its size.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export a plan's log as JSONL, a Perfetto trace, an HTML report or an asciicast.",
        discussion: """
            Exactly one format. The output goes to standard output. --fleet-html DIR reads every .evb bundle and
            .evlog log in DIR, writes each one's report next to it (NAME.evb.html) and prints one page for the fleet.
            Each bundle NAME.evb counts as host NAME only when NAME's key in the fleet's keyring (--keyring DIR, or
            DIR/keys/ when it exists: one <host>.pub per host) sealed it whole and it is not older than a bundle of that
            host seen before (recorded in the keyring's last-seen-seals.jsonl and last-seen-hosts.jsonl); any other is
            listed as not verified, with why, and counted neither done nor failed. Without a keyring the keys are not
            checked, and the page says so. A simulated or reproduced plan changed nothing on its host: the host is listed
            as simulated, nothing installed, counted neither done nor failed.
            With --jsonl, the line of an event no seal of the log covers (an edit, records after its last seal) carries \
            "not_sealed": <why>, and `evlog import` keeps such an event apart, never as the plan's history.

            Examples:
              evlog export p-3f2a9c01b7de --jsonl > run.jsonl        read back with `evlog import run.jsonl`
              evlog export p-3f2a9c01b7de --trace > run.trace.json   open in ui.perfetto.dev or chrome://tracing
              evlog export p-3f2a9c01b7de --html > run.html          one file: DAG, timeline, failure, output
              evlog export latest --asciicast > run.cast             play with `asciinema play run.cast`
              evlog export --fleet-html bundles/ > bundles/index.html  hosts done and failed, by failure kind
              evlog export --fleet-html bundles/ --keyring fleet-keys/ > index.html
            """)

    @OptionGroup var global: GlobalOptions

    @OptionGroup var selection: PlanSelection

    @Flag(help: "One JSON object per event, one per line.")
    var jsonl = false

    @Flag(help: "Chrome/Perfetto trace JSON: steps as slices on parallel lanes, commands nested, output as instants.")
    var trace = false

    @Flag(help: "A single self-contained HTML report.")
    var html = false

    @Flag(help: "An asciicast v2 recording of the run as it was drawn (colours unless --no-color).")
    var asciicast = false

    @Option(name: .customLong("fleet-html"), help: "A directory of bundles/logs: one HTML page for the fleet.")
    var fleetHTML: String?

    /// `--key`/`--keyring` for a plan's export; `--keyring` checks the bundles of `--fleet-html` (default: DIR/keys when it exists).
    @OptionGroup var keys: ReaderKeyOptions

    func validate() throws {
        let chosen = [jsonl, trace, html, asciicast, fleetHTML != nil].filter { $0 }.count
        if chosen != 1 { throw ValidationError("choose exactly one format: --jsonl, --trace, --html, --asciicast or --fleet-html DIR") }
        if fleetHTML != nil && selection.plan != nil { throw ValidationError("--fleet-html DIR reads a directory; name no plan with it") }
        if keys.key != nil && fleetHTML != nil { throw ValidationError("--fleet-html DIR checks its bundles with the fleet's --keyring DIR, not --key") }
    }

    func run() throws {
        if let fleetHTML { return Terminal.write(Array(try FleetExport.page(directory: fleetHTML, keyring: keys.keyring).utf8)) }
        let log = try global.planLog(selection.plan)
        // As `replay` and `what-ran` say it: what an export carries past the bundle's seals, or past what the key given
        // seals, is not the host's (integrity18 #2, integrity26).
        let reading = log.warnIfSealsFail(keys: try keys.trusted())
        // Every event for `--jsonl` (what no seal covers marked on its line); a report shows the plan's steps as its
        // seals let them be known, as `status` does (integrity23 #5).
        let stream = try jsonl || asciicast ? log.readableEvents() : log.readableVouchedEvents(reading: reading)
        var out = BatchedOutput()
        if jsonl {
            // An event no seal covers says so on its line, and `import` keeps it apart (integrity18 #2); a record an import
            // kept apart stays marked.
            let uncovered = log.uncoveredFrom(reading)
            // State events behind a crash mark decide nothing here, so not in an import either (integrity25 #2).
            let behindMarks = try log.readableStateEventsBehindCrashMarks()
            for event in stream {
                // Lossless: a `\uXXXX` escape reads back as the same character (`evlog import`).
                let line = JSONOutput.escapingActiveControls(try EventJSON.line(event))
                let why = uncovered.flatMap { stream.nextRecordIndex > $0.record ? $0.why : nil }
                    ?? (behindMarks.contains(stream.nextRecordIndex) ? SealReport.crashTailType : nil)
                    ?? (NotSealedMark.isKeptApart(event) ? NotSealedMark.keptApart : nil)
                out.append((why.map { NotSealedMark.marking(line, why: $0) } ?? line) + "\n")
            }
        } else if asciicast {
            var cast = AsciicastExport(colored: !global.noColor && ProcessInfo.processInfo.environment["NO_COLOR"] == nil)
            var headerWritten = false
            for event in stream {
                if !headerWritten, case .planCreated(let plan) = event.body {
                    out.append(try cast.header(title: "evlog \(shown: plan.id): \(shown: plan.title)", createdAt: event.time))
                    headerWritten = true
                }
                guard headerWritten else { continue }
                out.append(try cast.line(for: event))
            }
            guard headerWritten else { throw UserFacingError("\(log.path) holds no plan to export") }
            out.append(try cast.finish())
        } else {
            let timeline = RunTimeline(events: stream)
            out.append(trace ? try TraceExport.json(timeline) + "\n" : HTMLReport.html(timeline))
        }
        out.flush()
        if stream.stopReason != nil {
            stream.warnIfStoppedEarly("exported the \(stream.eventCount) events before it")
            throw ExitCode.planFailed
        }
    }
}
