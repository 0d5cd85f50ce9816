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
            log is for reading: `resume` and `remedy` refuse it (its events came from a file, not a run here). \
            Seals are not kept; an event the export marks "not_sealed" (no seal of the exported log covers it) is kept \
            apart in a not_sealed record, never as the plan's history.

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
        if let why = stream.notSealed {
            throw UserFacingError("\(file): its plan_created is marked \(NotSealedMark.key) (\(why)): no seal of the exported log covers the plan itself; nothing was imported")
        }
        // A reproduction is a check of someone's log, never a run (repro20 #8): filed in plans/ under the original's id
        // it would be history here, `latest-failed` among it.
        if plan.simulation?.isReproduction == true {
            throw UserFacingError("\(file) is the export of a reproduction (`evlog reproduce`) of plan \(shown: plan.id.rawValue), not of a run; nothing was imported: import the original plan's export, or reproduce its log")
        }
        // The id names the new log and every reference to it (`latest` must keep meaning the plan written last).
        guard plan.id.isWellFormed else {
            throw UserFacingError("\(file): '\(plan.id.rawValue.prefix(80))' is not a plan id evlog accepts (\(PlanID.grammar)); nothing was imported")
        }
        let archive = PlanArchive(home: global.homeDirectory)
        var eventCount = 0
        var keptApart: [String: Int] = [:]
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
                    } else if let why = stream.notSealed ?? (NotSealedMark.isKeptApart(event) ? NotSealedMark.keptApart : nil) {
                        // Kept apart, never the plan's history here (integrity18 #2), through the same policy as the rest.
                        let scrubbed = try EventPayload.decode(try scrubber.payload(for: event))
                        for record in try EventParts.records(try NotSealedMark.record(keeping: scrubbed, why: why), of: event,
                                                             partsAllowed: writer.header.mayHoldEventParts) {
                            try writer.append(record, checkpoint: false)
                        }
                        keptApart[why, default: 0] += 1
                    } else {
                        let isCheckpoint = if case .checkpoint = event.body { true } else { false }
                        let payload = try scrubber.payload(for: event)
                        // A checkpoint in parts is flagged on its first part, where a reader lands (FORMAT.md §7.8).
                        for (index, record) in try EventParts.records(payload, of: event, partsAllowed: writer.header.mayHoldEventParts).enumerated() {
                            try writer.append(record, checkpoint: isCheckpoint && index == 0)
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
        let kept = keptApart.values.reduce(0, +)
        let keptNote = kept == 0 ? nil
            : "\(kept) events the export marks \(NotSealedMark.key) (\(keptApart.keys.sorted().joined(separator: ", ")): no seal of the exported log covers them) "
                + "were kept apart in \(NotSealedMark.key) records, not as the plan's history: no reader here takes them as what ran (`evlog cat` shows them)"
        if global.json {
            Terminal.print(try JSONText.encode(JSONValue.object([
                "plan": .string(plan.id.rawValue), "events": .number(Double(eventCount)), "log": .string(path),
                "seals_dropped": .number(Double(sealsDropped)), "not_sealed_kept_apart": .number(Double(kept)),
            ])))
        } else {
            Terminal.print("imported \(eventCount) events as plan \(plan.id): \(path)")
            if let sealNote { Terminal.print("note: " + sealNote) }
            if let keptNote { Terminal.print("note: " + keptNote) }
        }
    }

    static func isSeal(_ event: Event) -> Bool {
        if case .unknown(let type) = event.body { return type == SealRecord.type }
        return false
    }
}
