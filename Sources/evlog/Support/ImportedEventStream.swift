import EvlogKit
import Catalog
import Foundation
import InstallModel
import Orchestrator
import Rendering

/// The events of a JSONL export, one line at a time (`BoundedLineReader`): blank lines skipped, every other
/// line an event whose sequence number follows the one before and whose plan steps pass the check `resume FILE
/// --key` makes (`ForeignPlanPolicy.stepProblem`); any other line is a one-line error naming the file and line.
struct ImportedEventStream {
    private var reader: BoundedLineReader
    private let file: String
    private var previous: Event?
    private let catalog: Catalog

    init(handle: FileHandle, file: String, lineBytesMax: Int, catalog: Catalog) {
        reader = BoundedLineReader(handle: handle, lineBytesMax: lineBytesMax)
        self.file = file
        self.catalog = catalog
    }

    /// The line the last event came from.
    var lineNumber: Int { reader.lineNumber }
    /// Why the last event's line says no seal of the exported log covers it (`NotSealedMark`), nil when it does not.
    private(set) var notSealed: String?

    mutating func next() throws(UserFacingError) -> Event? {
        while true {
            let line: Data
            do {
                guard let next = try reader.next() else { return nil }
                line = Data(next)
            } catch {
                switch error {
                case .lineTooLong(let number, let bytesMax):
                    throw UserFacingError("\(file):\(number): line over the \(bytesMax)-byte limit; an evlog export has no line this long")
                case .unreadable(let reason):
                    throw UserFacingError("cannot read \(file): \(reason)")
                }
            }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) { continue }
            let event: Event
            do {
                event = try EventJSON.decode(line)
            } catch {
                let reason = if case .invalidJSON(let detail) = error { detail } else { error.description }
                throw UserFacingError("\(file):\(lineNumber): not a JSON event (\(shown: reason))")
            }
            switch NotSealedMark.reason(ofLine: line) {
            case .success(let why): notSealed = why
            case .failure(.notAReason(let value)):
                throw UserFacingError("\(file):\(lineNumber): \(NotSealedMark.key) '\(shown: value)' is not a reason an evlog export writes "
                    + "(\(NotSealedMark.reasons.sorted().joined(separator: ", "))); nothing was imported")
            case .failure(.repeated):
                throw UserFacingError("\(file):\(lineNumber): \(NotSealedMark.key) is given more than once; an evlog export writes it once; nothing was imported")
            }
            // As in the fold: only an event of a type evlog does not know (a seal, bundle_info) may repeat the last number.
            if let previous, event.sequence < previous.sequence || (event.sequence == previous.sequence && !event.isUnknown) {
                throw UserFacingError("\(file):\(lineNumber): event \(event.sequence) does not follow event \(previous.sequence); sequence numbers must increase")
            }
            if case .outputChunk(_, _, let data, _) = event.body, data.count > EventRecorder.outputChunkBytesMax {
                throw UserFacingError(
                    "\(file):\(lineNumber): an output chunk of \(data.count) bytes; evlog records at most \(EventRecorder.outputChunkBytesMax) per event, "
                        + "so no log it wrote holds this one: split it into events of that size")
            }
            if let problem = ImportedEventStream.recordedValueProblem(event, catalog: catalog) {
                throw UserFacingError("\(file):\(lineNumber): \(problem); refused: a log evlog wrote holds only values its recipes allow")
            }
            previous = event
            return event
        }
    }
}

extension ImportedEventStream {
    /// What is wrong with the steps an event adds to the plan (`plan_created`, `remediation_applied`), or nil.
    static func recordedValueProblem(_ event: Event, catalog: Catalog) -> String? {
        let steps: [Step]
        switch event.body {
        case .packageSetChanged(let step, let change):
            // Names a later uninstall would hand to the package manager.
            let names = change.added + change.removed + change.hadConfig + change.installedByOthers + change.upgraded.map(\.package)
            guard !names.isEmpty, let problem = InstallKind.packages(change.manager, names).problemAsRecorded else { return nil }
            return "step \(shown: step.rawValue) package change: \(problem)"
        case .planCreated(let plan):
            return RecordedPlanGrammar.problem(with: plan)
                ?? ForeignPlanPolicy.planProblem(plan, catalog: catalog, judgingIDs: false).map { "step \(shown: $0.step.rawValue) \($0.problem)" }
        // A checkpoint holds the plan as folded so far: a reader starting there never sees the plan_created.
        case .checkpoint(let state):
            guard let plan = state.plan else { return nil }
            return RecordedPlanGrammar.problem(with: plan)
                ?? ForeignPlanPolicy.planProblem(plan, catalog: catalog, judgingIDs: false).map { "step \(shown: $0.step.rawValue) \($0.problem)" }
        case .remediationApplied(_, _, let newSteps, let retriedAs): steps = newSteps + (retriedAs.map { [$0] } ?? [])
        default: return nil
        }
        for step in steps {
            if let problem = ForeignPlanPolicy.stepProblem(step, catalog: catalog, judgingID: false) { return "step \(shown: step.id.rawValue) \(problem)" }
        }
        return nil
    }
}

extension Event {
    /// An event of a type this evlog does not know (a seal, `bundle_info`).
    var isUnknown: Bool {
        if case .unknown = body { return true }
        return false
    }
}
