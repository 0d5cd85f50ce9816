import EvlogKit
import ArgumentParser
import EventLog
import Foundation
import InstallModel
import Orchestrator
import Rendering
import Sealing

/// `evlog import <file.jsonl>`: a JSONL export read back into a new log under this home, with the same
/// plan id; `evlog export --jsonl` of the new log gives the same lines, except that secrets the file
/// holds in the clear are redacted, as in a run.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Read a JSONL export back into a plan log (same plan id).",
        discussion: """
            The first event must be the plan's `plan_created`. A plan with that id must not exist in this \
            home yet: import into another home with --home, or remove the existing log first. An imported \
            log is for reading: `resume` and `remedy` refuse it (its events came from a file, not a run here).

            Examples:
              evlog import run.jsonl
              evlog import run.jsonl --home /tmp/evlog-other
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "A file written by `evlog export --jsonl`.", completion: .file(extensions: ["jsonl"]))
    var file: String

    /// A line longer than this is not an event this evlog could have written.
    static let lineBytesMax = 64 << 20
    /// An export larger than this is refused rather than read into memory.
    static let fileBytesMax = 4 << 30

    func run() throws {
        let data = try InputFile.contents(file, bytesMax: ImportCommand.fileBytesMax)
        let decoded = try ImportCommand.decode(data, file: file)
        // A seal signs the exact bytes of the log it is in and its header: JSON lines keep neither, so
        // no seal could verify here, and a seal that does not verify must not be kept.
        let events = decoded.filter { !ImportCommand.isSeal($0) }
        let sealsDropped = decoded.count - events.count
        guard let first = events.first, case .planCreated(let plan) = first.body else {
            throw UserFacingError("\(file) does not start with a plan_created event; is it an `evlog export --jsonl` file?")
        }
        guard plan.id.isWellFormed else { throw UserFacingError("\(file): " + ArchiveError.invalidPlanID(plan.id.rawValue).description) }
        let archive = PlanArchive(home: global.homeDirectory)
        let writer: LogWriter
        do {
            writer = try archive.create(plan, createdAt: first.time, imported: true)
        } catch ArchiveError.planExists(let id) {
            throw UserFacingError("plan \(id) already exists in \(archive.plansDirectory); import into another home with --home, or remove \(archive.logPath(for: plan.id)) first")
        } catch {
            throw UserFacingError("cannot create the log for plan \(plan.id): \(error)", code: .planFailed)
        }
        // An imported file passes the same secret policy as a run's own events.
        var scrubber = ImportedEventScrubber()
        for event in events {
            let isCheckpoint = if case .checkpoint = event.body { true } else { false }
            try writer.append(try scrubber.payload(for: event), checkpoint: isCheckpoint)
        }
        try writer.sync()
        try writer.close()
        let sealNote = sealsDropped == 0 ? nil
            : "the export's \(sealsDropped) seals were not kept (a seal signs the log's exact bytes and header, which JSON lines do not carry): the imported log is not sealed; check the original log or its bundle with `evlog verify --key`"
        if global.json {
            Terminal.print(try JSONText.encode(JSONValue.object([
                "plan": .string(plan.id.rawValue), "events": .number(Double(events.count)), "log": .string(writer.path),
                "seals_dropped": .number(Double(sealsDropped)),
            ])))
        } else {
            Terminal.print("imported \(events.count) events as plan \(plan.id): \(writer.path)")
            if let sealNote { Terminal.print("note: " + sealNote) }
        }
    }

    static func isSeal(_ event: Event) -> Bool {
        if case .unknown(let type) = event.body { return type == SealRecord.type }
        return false
    }

    static func isUnknown(_ event: Event) -> Bool {
        if case .unknown = event.body { return true }
        return false
    }

    /// Every line of a JSONL export as an event; sequence numbers must increase.
    static func decode(_ data: Data, file: String) throws -> [Event] {
        var events: [Event] = []
        var lineNumber = 0
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) { continue }
            guard line.count <= lineBytesMax else {
                throw UserFacingError("\(file):\(lineNumber): line of \(line.count) bytes is over the \(lineBytesMax)-byte limit")
            }
            let event: Event
            do {
                event = try EventJSON.decode(Data(line))
            } catch {
                let reason = if case .invalidJSON(let detail) = error { detail } else { error.description }
                throw UserFacingError("\(file):\(lineNumber): not a JSON event (\(shown: reason))")
            }
            // As in the fold: only an event of a type evlog does not know (a seal, bundle_info) may repeat the last number.
            if let previous = events.last, event.sequence < previous.sequence || (event.sequence == previous.sequence && !isUnknown(event)) {
                throw UserFacingError("\(file):\(lineNumber): event \(event.sequence) does not follow event \(previous.sequence); sequence numbers must increase")
            }
            events.append(event)
        }
        return events
    }
}
