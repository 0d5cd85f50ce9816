import Diagnosis
import EventLog
import Foundation
import InstallModel
import Orchestrator
import Rendering
import Sealing

/// `evlog export --fleet-html DIR`: reads every bundle and log in DIR, writes each one's HTML report
/// next to it (`NAME.evb.html`: the file's whole name, so no host's report is named like the fleet page a user
/// writes into DIR, `index.html`) and returns the fleet page that links to them. `evlog serve --bundles`
/// shows the same summaries without writing anything.
public enum FleetExport {
    /// The fleet page of `directory`, each bundle checked against `keyring` (or `keys/` there: `FleetKeyring`) and
    /// recorded in its records of seals seen. A keyring given that cannot be read throws its one-line error.
    public static func page(directory: String, keyring: String? = nil) throws -> String {
        let keys = FleetKeyring(bundles: directory, keyring: keyring)
        do {
            try keys.checked()
        } catch {
            throw UserFacingError(error.description, code: .usage)
        }
        for entry in keys.unusableEntries { Terminal.print("evlog: warning: \(entry.warning)", to: STDERR_FILENO) }
        return FleetPage.html(try hosts(directory: directory, writingReports: true, keyring: keys))
    }

    /// One summary per bundle or log in `directory` (by file name); with `writingReports`, each one's
    /// HTML report is written next to it (and what each shows is recorded in the keyring's records). A symbolic
    /// link there is not read: nothing outside the directory is summarised.
    public static func hosts(directory: String, writingReports: Bool, keyring: FleetKeyring? = nil) throws -> [FleetHost] {
        let catalog = try ruleCatalog()
        let keys = keyring ?? FleetKeyring(bundles: directory)
        let found = try logPaths(in: directory).map { try host($0, catalog: catalog, writingReport: writingReports, keyring: keys) }
        return found + keyringRows(besides: found, keyring: keys)
    }

    /// The rows the keyring adds to `found`: each host of `keyring` that has no file among `found` (integrity16 finding
    /// 6), shown apart as missing with the newest bundle the keyring's record saw of it, never dropped from the page; and
    /// each keyring entry left out (integrity18 #4), named with what is wrong with it.
    public static func keyringRows(besides found: [FleetHost], keyring: FleetKeyring) -> [FleetHost] {
        let missing = keyring.hostsWithoutFile(among: Set(found.map(\.name))).map { absent in
            FleetHost(name: absent.host, plan: "", status: FleetHost.missing, tools: [], failureKind: nil, failedStep: nil, seal: "", report: "",
                      distrust: "no bundle in this directory, though the keyring has its key"
                          + (absent.newest.map { " (newest seen: \($0))" } ?? " (none seen yet)"),
                      keyring: keyring.directory)
        }
        let unused = keyring.unusableEntries.map { entry in
            FleetHost(name: entry.host ?? "", plan: "", status: FleetHost.unusableKey, tools: [], failureKind: nil, failedStep: nil, seal: "",
                      report: "", distrust: entry.problem.description, keyring: keyring.directory)
        }
        return missing + unused
    }

    /// The bundled rule catalog each host's failure is diagnosed with.
    public static func ruleCatalog() throws -> RuleCatalog {
        do {
            return try RuleCatalog.bundled()
        } catch {
            throw UserFacingError("the bundled rule catalog is broken: \(error)", code: .planFailed)
        }
    }

    /// The bundles and logs of `directory` (by their names: `*.evb`, `*.evlog`), regular files only, by path.
    public static func logPaths(in directory: String) -> [String] {
        PlanLog.all(inDirectoryOrHome: directory).map(\.path).filter(PlanLog.isRegularFile).sorted()
    }

    /// The summary of the bundle or log at `path`; with `writingReport`, its HTML report is written next to it.
    /// What its seals show is remembered in the keyring's records of bundles seen (`FleetKeyring.verdict`), by
    /// `export --fleet-html` and `serve --bundles` alike, so both tell an older bundle put back over a host's newest one
    /// as rolled back (serve20b #5: the server only read the records, so a fleet it alone watched had no rollback check).
    /// A file that does not start as an evlog log does is summarised by its name only (`FleetHost.notEvlog`):
    /// none of its bytes are shown. Its seals are checked against `keyring` (by default `keys/` beside it).
    /// The log is read as a stream, its events folded and diagnosed as they come (held only for the report), so a
    /// bundle with hundreds of MB of output is summarised in bounded memory (serve20 #5); `stopped` is asked every
    /// `eventsBetweenStopChecks` events and, once true, ends the summary with `CancellationError` (`evlog serve`: the
    /// page's asker has gone).
    public static func host(
        _ path: String, catalog: RuleCatalog, writingReport: Bool, keyring: FleetKeyring? = nil, stopped: () -> Bool = { false }
    ) throws -> FleetHost {
        let file = (path as NSString).lastPathComponent
        let name = FleetHost.name(ofFile: path)
        // One host's log, read once for its row and its diagnosis (and held whole only for its report). Another host's
        // evlog redacted it; this one's policy is applied again as it is read (`PlanEventStream`).
        guard PlanLog(path: path).startsAsALog else {
            return FleetHost(name: name, plan: "", status: FleetHost.notEvlog, tools: [], failureKind: nil, failedStep: nil, seal: "", report: "", file: file)
        }
        var events: [Event] = []
        var state = PlanState()
        var diagnosis = LogDiagnosis(catalog: catalog)
        let damage: LogDamage?
        do {
            // A row shows no output: without a report, the output is only diagnosed, not passed through the policy again.
            // State events no writer vouched for (behind a crash mark, after the last seal) decide nothing here either
            // (integrity23 #4: a format-1 log's forged tail, bundled, made the host "done").
            let log = PlanLog(path: path)
            let stream = try log.vouched { () throws(PlanLogError) in try writingReport ? log.events() : log.eventsShowingNoOutput() }
            for (index, event) in stream.enumerated() {
                if index % eventsBetweenStopChecks == 0, stopped() { throw CancellationError() }
                state.apply(event)
                diagnosis.apply(event)
                if writingReport { events.append(event) }
            }
            damage = stream.damage
        } catch let error as CancellationError {
            throw error
        } catch {
            // The directory's own path is no business of the page's reader.
            return FleetHost(name: name, plan: "", status: "unreadable", tools: [], failureKind: nil, failedStep: nil,
                             seal: "\(error)".replacingOccurrences(of: path, with: file), report: file, file: file)
        }
        let failure = diagnosis.results.first
        // A damaged file proves nothing past its damage, whatever its seals before it say.
        let keys = keyring ?? FleetKeyring(bundles: (path as NSString).deletingLastPathComponent)
        let verdict = keys.verdict(of: path, host: name, recording: true)
        let damageText = damage.map { "log \($0.summary): \($0.reason); " } ?? ""
        let seal = damageText + (verdict.report?.summary ?? "unreadable")
        let report = reportPath(of: path)
        var reportLink = file + ".html"
        if writingReport {
            if let stdout = FileIdentity(descriptor: STDOUT_FILENO), stdout == FileIdentity(following: report) {
                throw UserFacingError("\(report) is where the fleet page is being written, and it is \(file)'s report; write the fleet page elsewhere")
            }
            do {
                try WholeFile.write(Array(HTMLReport.html(RunTimeline(events: events)).utf8), to: report)
            } catch {
                // The page itself needs no disk (integrity16 finding 5): it is still made, this host's row linking to no report.
                let reason = if case .io(_, _, let errno)? = error as? EventLogError { "\(errno)" } else { FoundationErrorText.reason(for: error) ?? "\(error)" }
                Terminal.print("evlog: cannot write \(report): \(reason); the fleet page links to no report for \(name)", to: STDERR_FILENO)
                reportLink = ""
            }
        }
        return FleetHost(
            name: name, plan: state.plan?.id.rawValue ?? "", status: damage == nil ? state.status.rawValue : "damaged", tools: state.plan?.tools ?? [],
            failureKind: failure.map { $0.current.kind.rawValue }, failedStep: failure?.step.rawValue, seal: seal,
            report: reportLink, installed: state.installedTools, distrust: damage == nil ? verdict.distrust : damageText + (verdict.distrust ?? "unverified: no seal covers the damaged bytes"),
            keyring: keys.directory, file: file, createdMicros: state.createdAt?.microseconds, simulation: state.plan?.simulation)
    }

    /// Events read between two asks of a summary's `stopped`.
    static let eventsBetweenStopChecks = 1024

    /// Where the HTML report of the bundle or log at `path` is written: its whole file name and `.html`
    /// (`web1.evb.html`), never a name without the bundle's or log's ending such as `index.html`.
    static func reportPath(of path: String) -> String { path + ".html" }
}
