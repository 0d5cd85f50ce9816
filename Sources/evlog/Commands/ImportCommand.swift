import EvlogKit
import Catalog
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
        let (handle, sizeBytes) = try InputFile.open(file)
        guard sizeBytes <= Int64(ImportCommand.fileBytesMax) else {
            throw UserFacingError("\(file) is \(sizeBytes) bytes, more than the \(ImportCommand.fileBytesMax)-byte limit for an import")
        }
        // Read a line at a time: memory stays bounded by one line whatever the file holds.
        var stream = ImportedEventStream(handle: handle, file: file, lineBytesMax: ImportCommand.lineBytesMax, catalog: try Catalog.bundled())
        // A seal signs the exact bytes of the log it is in and its header: JSON lines keep neither, so
        // no seal could verify here, and a seal that does not verify must not be kept.
        var sealsDropped = 0
        var first: Event?
        while first == nil, let event = try stream.next() {
            if ImportCommand.isSeal(event) { sealsDropped += 1 } else { first = event }
        }
        guard let first, case .planCreated(let plan) = first.body else {
            throw UserFacingError("\(file) does not start with a plan_created event; is it an `evlog export --jsonl` file?")
        }
        // The id names the new log and every reference to it (`latest` must keep meaning the plan written last).
        guard plan.id.isWellFormed else {
            throw UserFacingError("\(file): '\(plan.id.rawValue.prefix(80))' is not a plan id evlog accepts (\(PlanID.grammar)); nothing was imported")
        }
        let archive = PlanArchive(home: global.homeDirectory)
        var eventCount = 0
        let path: String
        do {
            // Whole or absent: a bad line after the first, or a kill, leaves no log behind.
            path = try archive.createImported(plan, createdAt: first.time) { writer in
                // An imported file passes the same secret policy as a run's own events.
                var scrubber = EventScrubber()
                var next: Event? = first
                while let event = next {
                    if ImportCommand.isSeal(event) {
                        sealsDropped += 1
                    } else {
                        let isCheckpoint = if case .checkpoint = event.body { true } else { false }
                        let payload = try scrubber.payload(for: event)
                        for record in try EventParts.records(payload, of: event, partsAllowed: writer.header.mayHoldEventParts) {
                            try writer.append(record, checkpoint: isCheckpoint)
                        }
                        eventCount += 1
                    }
                    next = try stream.next()
                }
                try writer.sync()
            }
        } catch ArchiveError.planExists(let id) {
            throw UserFacingError("plan \(id) already exists in \(archive.plansDirectory); import into another home with --home, or remove \(archive.logPath(for: plan.id)) first")
        } catch let error as ArchiveError {
            throw UserFacingError("cannot create the log for plan \(plan.id): \(error)", code: .planFailed)
        } catch let error as PlanTooLarge {
            throw UserFacingError("cannot create the log for plan \(plan.id): \(error)", code: .planFailed)
        }
        let sealNote = sealsDropped == 0 ? nil
            : "the export's \(sealsDropped) seals were not kept (a seal signs the log's exact bytes and header, which JSON lines do not carry): the imported log is not sealed; check the original log or its bundle with `evlog verify --key`"
        if global.json {
            Terminal.print(try JSONText.encode(JSONValue.object([
                "plan": .string(plan.id.rawValue), "events": .number(Double(eventCount)), "log": .string(path),
                "seals_dropped": .number(Double(sealsDropped)),
            ])))
        } else {
            Terminal.print("imported \(eventCount) events as plan \(plan.id): \(path)")
            if let sealNote { Terminal.print("note: " + sealNote) }
        }
    }

    static func isSeal(_ event: Event) -> Bool {
        if case .unknown(let type) = event.body { return type == SealRecord.type }
        return false
    }
}
