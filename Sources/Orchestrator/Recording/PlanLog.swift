import EventLog
import Foundation
import InstallModel
import Sealing

/// One plan's log, for reading: the only way evlog reads a log back (the read commands, resume,
/// reproduce). Found by id, unique id prefix, `latest`, `latest-failed` or path (see `open`);
/// its events come as a stream that holds one block in memory, whatever the log's size.
public struct PlanLog: Sendable, Hashable {
    /// The log file.
    public let path: String
    /// Whether every event is read through this evlog's secret policy, whatever revision the header says recorded it
    /// (`throughPolicy()`).
    public private(set) var readsThroughPolicy = false

    /// A log at a known path (it is opened when read).
    public init(path: String) { self.path = path }

    /// This log read through the secret policy even when its header says this revision recorded it: a header is the
    /// file's word, and a log from elsewhere (another home's, a fleet bundle) may claim anything (serve20 #2: another
    /// home's log with its raw tokens put back was shown as stored).
    public func throughPolicy() -> PlanLog {
        var log = self
        log.readsThroughPolicy = true
        return log
    }

    /// The plan id the file is named for (`<home>/plans/<plan-id>.evlog`).
    public var id: PlanID {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return PlanID(name.hasSuffix(PlanLog.fileExtension) ? String(name.dropLast(PlanLog.fileExtension.count)) : name)
    }

    static let fileExtension = ".evlog"

    /// The types of the records a log holds beside its events (seals, a bundle's record, the mark over a
    /// crashed writer's unsealed tail): they read as
    /// `.unknown` events, but this evlog wrote them and they say nothing about the run. Any other
    /// `.unknown` type is an event of a newer evlog.
    public static let recordTypesBesideEvents: Set<String> = [SealRecord.type, SealReport.bundleInfoType, SealReport.crashTailType]

    /// Every event from the first record, as a stream; reading stops at the first damage
    /// (then `damage` on the stream says where).
    public func events() throws(PlanLogError) -> PlanEventStream {
        PlanEventStream(reader: try openReader(), throughPolicy: readsThroughPolicy)
    }

    /// Every event from the first record, for a reader that shows none of the output (a fleet row: the plan's state
    /// and the kind of its failure): output chunks come as stored, not passed through this revision's secret policy
    /// again (`countsOutputOnly`), every other event as `events()` gives it. A bundle of hundreds of MB of output an
    /// older evlog recorded is summarised at the cost of reading it (serve20 #5).
    public func eventsShowingNoOutput() throws(PlanLogError) -> PlanEventStream {
        let stream = try events()
        stream.countsOutputOnly = true
        return stream
    }

    /// The events from the last checkpoint on (the checkpoint event first), or from the first record
    /// when the log has no usable checkpoint: enough to rebuild the state without reading the rest.
    /// A record's checkpoint flag only says where to look (it is outside the seal chain): the record
    /// counts as a checkpoint when it decodes as a `checkpoint` event.
    public func eventsFromLastCheckpoint() throws(PlanLogError) -> PlanEventStream {
        try eventsFromLastCheckpoint { _ in true }
    }

    /// The events from the last checkpoint numbered `sequence` or lower (the checkpoint first), or from
    /// the first record when there is none: where to start folding to see the plan at `sequence`
    /// (`evlog replay --at N`) without decoding what came before.
    public func eventsFromCheckpoint(atOrBefore sequence: UInt64) throws(PlanLogError) -> PlanEventStream {
        try eventsFromLastCheckpoint { $0.sequence <= sequence }
    }

    /// The events from the last checkpoint that `accept`s (the checkpoint first), or from the first
    /// record when none does: only the blocks of the checkpoints tried are decoded before it.
    /// In a sealed log a checkpoint counts only when a seal follows it, as a sealing writer writes it
    /// (`SealingEventStore`): one appended after the final seal, or in a crashed writer's tail, is no place to
    /// start from (integrity16 finding 1: a forged "done" checkpoint read as the plan's state).
    public func eventsFromLastCheckpoint(where accept: (Event) -> Bool) throws(PlanLogError) -> PlanEventStream {
        let sealed = try holdsSeals()
        var below = UInt64.max
        while true {
            let (reader, landed) = try readerAtLastCheckpoint { accept($0) && $0.sequence < below }
            guard sealed, let landed, try !isSealed(checkpoint: landed) else { return PlanEventStream(reader: reader, throughPolicy: readsThroughPolicy) }
            below = landed
        }
    }

    /// A reader on the last checkpoint that `accept`s, and that checkpoint's sequence number; on the first
    /// record and nil when there is none. A checkpoint stored as parts (FORMAT.md §7.8) is flagged on its first part:
    /// its parts are joined to judge it, and a reader placed on its first part again; one whose parts do not join,
    /// or that `accept` refuses, sends the search to the checkpoints before it.
    private func readerAtLastCheckpoint(where accept: (Event) -> Bool) throws(PlanLogError) -> (LogReader, UInt64?) {
        var below = UInt64.max
        while true {
            let reader = try openReader()
            var landed: (sequence: UInt64, inParts: Bool)?
            let found = try seek(reader) { payload in
                if let sequence = EventParts.firstPartSequence(payload) {
                    guard sequence < below else { return false }
                    landed = (sequence, true)
                    return true
                }
                guard let event = try? EventPayload.decode(payload), case .checkpoint = event.body, event.sequence < below, accept(event)
                else { return false }
                landed = (event.sequence, false)
                return true
            }
            guard found, let landed else { return (reader, nil) }
            guard landed.inParts else { return (reader, landed.sequence) }
            let joined = PlanEventStream(reader: reader, throughPolicy: false).next()
            if let joined, joined.sequence == landed.sequence, case .checkpoint = joined.body, accept(joined) {
                let again = try openReader()
                if try seek(again, { EventParts.firstPartSequence($0) == landed.sequence }) { return (again, landed.sequence) }
            }
            below = landed.sequence
        }
    }

    /// `reader` moved to the last checkpoint record whose payload `accept`s (`LogReader.seekToLastCheckpoint(where:)`).
    private func seek(_ reader: LogReader, _ accept: (UnsafeRawBufferPointer) -> Bool) throws(PlanLogError) -> Bool {
        do {
            return try reader.seekToLastCheckpoint(where: accept)
        } catch {
            throw .unreadable(path: path, error)
        }
    }

    /// The plan's state now, folded from the last checkpoint (fast on huge logs).
    public func stateFromLastCheckpoint() throws(PlanLogError) -> PlanState { try stateAndDamageFromLastCheckpoint().state }

    /// The state from the last checkpoint and the damage met after it, if any (blocks before the
    /// checkpoint are not read: `evlog verify` reads them all).
    public func stateAndDamageFromLastCheckpoint() throws(PlanLogError) -> (state: PlanState, damage: LogDamage?) {
        // Never stopped: never nil.
        try stateAndDamageFromLastCheckpoint(stopped: { false })!
    }

    /// `stateAndDamageFromLastCheckpoint()`, asking `stopped` every `eventsBetweenStopChecks` events: nil once it
    /// says to stop (`evlog serve`: the page's client has gone, and a log without a checkpoint folds from its start).
    /// Records no seal covers never decide the state (`sealedFold`).
    /// `reading`: the log's `SealReading` when the caller made it already (`sealedFold`).
    public func stateAndDamageFromLastCheckpoint(
        stopped: () -> Bool, reading: SealReading? = nil
    ) throws(PlanLogError) -> (state: PlanState, damage: LogDamage?)? {
        try sealedFold(reading: reading, stopped: stopped).map { (state: $0.state, damage: $0.damage) }
    }

    /// Events folded between two asks of a fold's `stopped`.
    static let eventsBetweenStopChecks = 1024

    /// The plan its header names (the label, covered by the seals' chain), when that is not the plan its file is
    /// named for: a log copied or renamed under another plan's name. Nil when they agree or the header cannot be read.
    public var mislabel: String? {
        guard let label = (try? LogReader(path: path))?.header.label, label != id.rawValue else { return nil }
        return label
    }

    /// What `status` and `bundle` say of a log in a `plans/` directory, where a file is named for its plan, whose
    /// header names another (`mislabel`), or nil (elsewhere, such as `web1.evb`, a file's name claims no plan).
    public var mislabelNote: String? {
        let file = URL(fileURLWithPath: path)
        guard file.pathExtension == "evlog", file.deletingLastPathComponent().lastPathComponent == "plans" else { return nil }
        return mislabel.map { "\(path) is named for plan \(id) but its sealed header names plan \($0): a copy or a rename, not that plan's own log" }
    }

    /// The id of the home whose run created the log, as its header's creator names it (`HomeIdentity`); nil for a
    /// log from before homes named themselves, an import, or an unreadable header.
    public var creatingHome: String? { Self.home(creator: headerCreator) }

    /// Whether `evlog import` wrote the log (its header's creator says so): its events came from a file.
    public var wasImported: Bool { headerCreator == PlanArchive.importCreator }

    /// Whether the log is a reproduction this evlog kept once it ended (`PlanArchive.reproductionCreator`): whole, even
    /// where its plan did not end (the original's did not either).
    public var isWholeReproduction: Bool { headerCreator == PlanArchive.reproductionCreator }

    /// The creator its header names, read once per call; nil when the header cannot be read.
    var headerCreator: String? { (try? LogReader(path: path))?.header.creator }

    /// The home a header's `creator` names (`evlog home:ID`), or nil.
    static func home(creator: String?) -> String? {
        guard let creator, creator.hasPrefix(PlanArchive.creator + PlanArchive.homeMark) else { return nil }
        return String(creator.dropFirst((PlanArchive.creator + PlanArchive.homeMark).count))
    }

    /// Whether a process is appending to the log right now.
    public var writer: WriterStatus {
        if let pid = LogWriter.isLocked(path: path) { return .running(pid: pid) }
        return LogWriterProbe.writerOfReplacedLog(at: path).map { .replacedUnder(pid: $0) } ?? .none
    }

    /// When the log was last written (for `latest` and `list`'s order).
    public var modifiedAt: Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }

    /// Deletes the log and its lock file; refuses while a process writes it.
    public func remove() throws(PlanLogError) {
        if let pid = writer.pid { throw .running(path: path, pid: pid) }
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch {
            throw .unreadable(path: path, error)
        }
        try? FileManager.default.removeItem(atPath: LogWriter.lockFilePath(for: path))
    }

    func openReader() throws(PlanLogError) -> LogReader {
        do {
            return try LogReader(path: path)
        } catch {
            throw .unreadable(path: path, error)
        }
    }
}

/// Who is writing a log.
public enum WriterStatus: Sendable, Hashable {
    /// Nobody: the log is complete, or its writer stopped (crash, kill) and resume will recover it.
    case none
    /// The process with this id holds the log's writer lock.
    case running(pid: Int32)
    /// The file at the log's path was put there (a copy renamed over it) while the process with this id was
    /// writing the file that was there: that process still runs the plan, writes nothing to this file, and stops
    /// at its next sync ("was replaced"). A second writer is refused meanwhile.
    case replacedUnder(pid: Int32)

    public var isRunning: Bool { self != .none }

    /// The pid of the process running the plan, whichever file it writes.
    public var pid: Int32? {
        switch self {
        case .none: nil
        case .running(let pid), .replacedUnder(let pid): pid
        }
    }
}
