import EvlogKit
import ArgumentParser
import Catalog
import Diagnosis
import Foundation
import InstallModel
import Orchestrator
import Rendering

/// `evlog diagnose`: why a step failed and what to do, from raw output, a plan's log, or many logs.
struct DiagnoseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diagnose",
        abstract: "Explain a failure and rank what to do about it.",
        discussion: """
            Examples:
              evlog diagnose --output build.txt --exit-code 1 --command "make"   pasted terminal output
              evlog diagnose p-0123456789ab                                        every failed step of a plan
              evlog diagnose ~/logs --summary                                      counts by kind, tool and OS
            Exit status 0 whenever diagnosis ran (whatever it found), 2 on bad input.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "A plan id or a .evlog file; with --summary, a directory of logs.", completion: .custom(PlanCompletion.planIDs))
    var target: String?

    @Option(name: .long, help: "Diagnose raw captured output from this file ('-' reads standard input).")
    var output: String?

    @Option(name: .customLong("exit-code"), help: "The exit status the command ended with.")
    var exitCode: Int32?

    @Option(name: .long, help: "The command that produced the output, e.g. \"apt-get install -y ripgrep\".")
    var command: String?

    @Flag(name: .long, help: "With a directory: the fleet view, counts by kind, tool and OS.")
    var summary = false

    /// Raw output is read in chunks of this size, so a huge file is never held whole.
    static let readChunkBytes = 64 * 1024
    /// At most this much raw output is read: the last 256 MiB of a file, the first of a stream.
    static let outputBytesMax = 256 << 20

    func validate() throws {
        if output != nil, target != nil {
            throw ValidationError("Give either --output FILE or a plan id / log file, not both.")
        }
        if output == nil, target == nil {
            throw ValidationError("Give --output FILE, a plan id or log file, or a directory with --summary.")
        }
        if summary, output != nil { throw ValidationError("--summary reads a directory of logs, not --output.") }
        if output == nil, exitCode != nil || command != nil {
            throw ValidationError("--exit-code and --command describe raw output; use them with --output.")
        }
    }

    func run() throws {
        let catalog: RuleCatalog
        do {
            catalog = try RuleCatalog.bundled()
        } catch {
            throw UserFacingError("the bundled rule catalog is broken: \(error)", code: .planFailed)
        }
        if let output {
            try diagnoseRawOutput(path: output, catalog: catalog)
        } else if let target, summary {
            try summarise(directory: target, catalog: catalog)
        } else if let target {
            try diagnoseLog(target, catalog: catalog)
        }
    }

    private func diagnoseRawOutput(path: String, catalog: RuleCatalog) throws {
        let handle: FileHandle
        if path == "-" {
            handle = FileHandle.standardInput
        } else {
            let (opened, size) = try InputFile.open(path)
            // A failure shows at the end of its output: only the last outputBytesMax are read.
            if size > Int64(DiagnoseCommand.outputBytesMax) {
                try opened.seek(toOffset: UInt64(size - Int64(DiagnoseCommand.outputBytesMax)))
            }
            handle = opened
        }
        defer { if path != "-" { try? handle.close() } }
        // Pasted output and its command go through the one SecretPolicy, as a run's output does: what
        // the command gives as secret (`--password X`) is redacted in the output too.
        let (policy, command) = SecretPolicy(secrets: ChildEnvironment.passingCaller(ProcessInfo.processInfo.environment).secrets)
            .learning(fromCommand: self.command ?? "")
        var redactor = policy.makeStream()
        let context = AnalysisContext(command: self.command == nil ? [] : [command], profile: ProfileDetector.detect())
        var session = AnalysisSession(context: context, catalog: catalog)
        var readBytes = 0
        while readBytes < DiagnoseCommand.outputBytesMax {
            let chunk: Data?
            do {
                chunk = try handle.read(upToCount: DiagnoseCommand.readChunkBytes)
            } catch {
                throw UserFacingError("cannot read \(path): \(error.localizedDescription)", code: .usage)
            }
            guard let chunk, !chunk.isEmpty else { break }
            readBytes += chunk.count
            session.feed(redactor.process(Array(chunk)).bytes, stream: .stderr)
        }
        session.feed(redactor.finish().bytes, stream: .stderr)
        let diagnosis = session.finish(exitCode: exitCode)
        try emit(DiagnosisRecord(diagnosis, exitCode: exitCode, command: self.command == nil ? nil : command))
    }

    private func diagnoseLog(_ target: String, catalog: RuleCatalog) throws {
        let log = try global.planLog(target)
        log.warnIfSealsFail()
        let events = try log.readableEvents()
        let failures = LogDiagnosis.rediagnose(events: events, catalog: catalog)
        events.warnIfStoppedEarly("diagnosed the \(events.eventCount) events before it")
        if failures.isEmpty, !global.json {
            print("no failed steps in \(target)")
            return
        }
        for (index, failure) in failures.enumerated() {
            if index > 0, !global.json { print("") }
            try emit(DiagnosisRecord(failure))
        }
    }

    private func summarise(directory: String, catalog: RuleCatalog) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw UserFacingError("\(directory) is not a directory of logs", code: .usage)
        }
        var fleet = FleetSummary()
        // The fleet pages' rule (integrity16 #10): with a keyring (`keys/` beside the bundles), a bundle counts only as
        // the whole, current bundle of the host its name says, sealed by that host's key.
        // A keyring that cannot be used (no entry usable: one key under two hosts' names, hosts of one machine) checks
        // nothing, as before; a host whose entry was left out is not counted (`FleetKeyring.verdict` says why).
        let keyring = FleetKeyring(bundles: directory)
        let keyed = keyring.directory != nil && (try? keyring.checked()) != nil
        for log in PlanLog.all(inDirectoryOrHome: directory) {
            // An edited bundle is no host's result (integrity11 #17): named apart, never summed in.
            if let note = log.sealNote {
                fleet.addNotCounted(log.path, reason: note)
                continue
            }
            if keyed {
                let host = FleetHost.name(ofFile: log.path)
                if let distrust = keyring.verdict(of: log.path, host: host, recording: false).distrust {
                    fleet.addNotCounted(log.path, reason: distrust)
                    continue
                }
            }
            do {
                fleet.add(events: try log.events(), catalog: catalog)
            } catch {
                fleet.addUnreadable(log.path, reason: error.description)
            }
        }
        if global.json {
            print(try JSONText.encode(fleet))
        } else {
            print(DiagnosisText.render(fleet))
        }
    }

    private func emit(_ record: DiagnosisRecord) throws {
        print(global.json ? try record.jsonLine() : DiagnosisText.render(record))
    }
}
