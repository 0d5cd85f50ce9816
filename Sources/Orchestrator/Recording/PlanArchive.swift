import EventLog
import Foundation
import InstallModel

/// The plans under an evlog home: `<home>/plans/<plan-id>.evlog`, where they live and how a run
/// creates or reopens one for writing. Reading goes through `PlanLog`.
public struct PlanArchive: Sendable {
    public let home: String
    /// The header's creator of a log this evlog writes: its version and the secret policy's revision.
    public static let creator = "evlog 0.1; secrets \(SecretPolicy.revision)"
    /// The header's creator of a log `evlog import` wrote: its events came from a file, not from a run
    /// on this machine (`PlanLog.wasImported`).
    public static let importCreator = creator + " import"
    /// The header's creator of a reproduction's log (`createReproduction`): written on a hidden temporary and named only
    /// once the reproduction ended, so a log under its name with this header is whole (`PlanLog.isWholeReproduction`);
    /// one without it in `reproductions/`, its plan not ended, is an older evlog's cut short.
    public static let reproductionCreator = creator + " reproduction"

    /// The header's creator of a log a run in the home `id` (`HomeIdentity`) created: `evlog 0.1 home <id>`.
    public static func creator(home id: String) -> String { creator + homeMark + id }

    /// What precedes the home's id in a creator (`PlanLog.creatingHome`).
    static let homeMark = " home "

    public init(home: String) { self.home = home }

    public var plansDirectory: String { home + "/plans" }
    public func logPath(for id: PlanID) -> String { plansDirectory + "/" + id.rawValue + ".evlog" }
    public var workDirectory: String { home + "/work" }
    public var backupDirectory: String { home + "/backups" }
    /// Where `evlog reproduce` keeps the fixture sets it makes from a log, one directory per new plan.
    public var fixturesDirectory: String { home + "/fixtures" }

    /// Where `evlog serve` keeps the standard error of the commands it starts for a plan (`install-<id>.stderr`).
    public var serveDirectory: String { home + "/serve" }
    /// The commands `evlog serve` starts for a plan, each leaving its standard error in `serveErrorFile`.
    public static let serveCommands = ["install", "resume"]
    /// The file holding the standard error of `command` (one of `serveCommands`) started by `evlog serve` for the plan.
    public func serveErrorFile(of command: String, for id: PlanID) -> String { serveDirectory + "/" + command + "-" + id.rawValue + ".stderr" }

    /// What a plan's run leaves beside its log that exists: its downloads, backups and reproduce fixtures
    /// (directories), and the standard error of the commands `evlog serve` started for it.
    public func leftovers(of id: PlanID) -> [String] {
        guard id.isWellFormed else { return [] }
        return ([workDirectory, backupDirectory, fixturesDirectory].map { $0 + "/" + id.rawValue }
            + PlanArchive.serveCommands.map { serveErrorFile(of: $0, for: id) })
            .filter { FileManager.default.fileExists(atPath: $0) }
    }

    /// Reproductions (`evlog reproduce`): kept apart from the plans, so nothing that reads the user's
    /// history (`list`, `latest-failed`, `outdated`, `upgrade`, `uninstall`, `prune`) sees them.
    public var reproductionsDirectory: String { home + "/reproductions" }

    /// Creates the plan's log (it must not exist yet) and returns its writer; `imported` marks a log
    /// whose events come from a file (`importCreator`). A plan run here is recorded as this home's (`CreatedPlans`)
    /// and its header names this home (`HomeIdentity`).
    public func create(_ plan: Plan, createdAt: Timestamp, imported: Bool = false) throws -> LogWriter {
        let creator = imported ? PlanArchive.importCreator : PlanArchive.creator(home: try HomeIdentity(archive: self).make())
        let writer = try createLog(named: plan.id, in: plansDirectory, createdAt: createdAt, creator: creator, plan: plan, claimsCopies: !imported)
        do {
            if !imported { try CreatedPlans(archive: self).record(plan.id) }
        } catch {
            // Whole or absent (integrity16 #5: a full disk left a header-only log behind).
            discard(writer)
            throw error
        }
        return writer
    }

    /// Creates the log of a plan imported from a file (`importCreator`), whole or absent (integrity16 finding 9): `write`
    /// fills its writer on a hidden temporary file in `plans/`, which is linked to the plan's name once closed and
    /// fsynced, never over a log there; a killed import leaves no log (its temporary goes at the next one). Returns the
    /// log's path; a plan whose log exists throws `ArchiveError.planExists`.
    public func createImported(_ plan: Plan, createdAt: Timestamp, write: (LogWriter) throws -> Void) throws -> String {
        let path = logPath(for: plan.id)
        do {
            try WholeFile.make(path, replacing: false) { temporary in
                defer { unlink(LogWriter.lockFilePath(for: temporary)) }
                let writer = try createLog(
                    named: plan.id, in: plansDirectory, createdAt: createdAt, creator: PlanArchive.importCreator, plan: plan, file: temporary)
                do {
                    try write(writer)
                    try writer.close()
                } catch {
                    try? writer.close()
                    throw error
                }
            }
        } catch EventLogError.io(_, "link", .fileExists) {
            throw ArchiveError.planExists(plan.id.rawValue)
        }
        return path
    }

    /// Creates the log of a reproduction named `id` under `reproductionsDirectory` (the `plan` it holds
    /// keeps the original's id), written on a temporary until kept (`ReproductionLog`, `reproductionWriting`).
    /// A `reproductions/` that is a symbolic link is refused, never followed: whoever made it would choose where the
    /// reproduction's files land, outside the home (repro20 #9).
    public func createReproduction(named id: PlanID, of plan: Plan, createdAt: Timestamp) throws -> ReproductionLog {
        var info = stat()
        if lstat(reproductionsDirectory, &info) == 0, info.st_mode & S_IFMT == S_IFLNK {
            throw ArchiveError.cannotCreate(reproductionsDirectory, reason: "it is a symbolic link, and a reproduction is written only inside the home")
        }
        // What killed reproductions left (their temporaries, never logs under a name).
        WholeFile.removeStaleTemporaries(in: reproductionsDirectory) { $0.hasSuffix(".evlog") }
        let pending = WholeFile.begin(reproductionsDirectory + "/" + id.rawValue + ".evlog")
        let writer = try createLog(
            named: id, in: reproductionsDirectory, createdAt: createdAt, creator: PlanArchive.reproductionCreator, plan: plan,
            options: PlanArchive.reproductionWriting, file: pending.temporary)
        return ReproductionLog(writer: writer, pending: pending)
    }

    /// How a reproduction's log is written: in small blocks, compressed on the caller's thread. A reproduction
    /// runs as fast as it reads the original, so the writer's two 4 MiB block buffers bought no speed and kept
    /// 12 MiB resident whatever the log (F12: `reproduce` stayed above 64 MB); these touch a few hundred KiB.
    static let reproductionWriting = LogWriterOptions(blockBytesTarget: 256 << 10, compressesInBackground: false)

    /// A log's header says whether it may hold event parts: so when `plan` may need them (`EventParts.mayBeNeeded`).
    /// A plan larger than an event may be is refused before its log exists (`PlanTooLarge`): whole or absent.
    /// `file`: where the writer writes, when not at the log's own path (a temporary made whole first, `createImported`).
    /// `claimsCopies`: a log whose header names this home, claimed wherever a copy of it lies (`WriterLock`).
    private func createLog(
        named id: PlanID, in directory: String, createdAt: Timestamp, creator: String, plan: Plan, options: LogWriterOptions = .init(),
        file: String? = nil, claimsCopies: Bool = false
    ) throws -> LogWriter {
        guard id.isWellFormed else { throw ArchiveError.invalidPlanID(id.rawValue) }
        let planBytes = EventParts.planBytes(plan)
        guard planBytes <= EventParts.payloadBytesMax else { throw PlanTooLarge(steps: plan.steps.count, payloadBytes: planBytes) }
        try makeDirectory(directory)
        let path = directory + "/" + id.rawValue + ".evlog"
        guard !FileManager.default.fileExists(atPath: path) else { throw ArchiveError.planExists(id.rawValue) }
        do {
            return try LogWriter.open(
                path: file ?? path, label: id.rawValue, creator: creator, createdAtMicros: createdAt.microseconds,
                mayHoldEventParts: EventParts.mayBeNeeded(planBytes: planBytes, steps: plan.steps.count), options: options, claimsCopies: claimsCopies)
        } catch {
            // What this writer began (an empty log, its lock file: a full disk) goes, unless another writer holds it.
            let made = file ?? path
            let heldElsewhere = if case EventLogError.locked = error { true } else { LogWriter.isLocked(path: made) != nil }
            if !heldElsewhere {
                unlink(made)
                unlink(LogWriter.lockFilePath(for: made))
            }
            throw error
        }
    }

    /// Removes the log `writer` created, and its lock file, when nothing it holds may stay: its `plan_created` was
    /// never stored (whole or absent: a log that holds no plan is not left in the home).
    public func discard(_ writer: LogWriter) {
        try? writer.close()
        unlink(writer.path)
        unlink(LogWriter.lockFilePath(for: writer.path))
    }

    /// Opens an existing log for append, recovering a damaged tail first: the cut bytes are kept in
    /// `<log>.damaged-<UTC time of now>` (FORMAT.md §5.4). `lock`: the log's writer lock, when the caller
    /// took it first to check the log before touching it (`LogWriter.lock(path:)`).
    public func reopen(_ path: String, now: Timestamp, holding lock: WriterLock? = nil) throws -> LogWriter {
        try LogWriter.open(
            path: path, label: "", creator: PlanArchive.creator, createdAtMicros: 0, nowMicros: now.microseconds, claimsCopies: true, holding: lock)
    }

    /// Creates `path` (and its parents) as a directory, or throws one clear `ArchiveError`.
    public func makeDirectory(_ path: String) throws(ArchiveError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .cannotCreate(path, reason: "it exists and is not a directory") }
            return
        }
        // A dangling link (a home pointing at a directory gone): said as such, not as Foundation's "file exists" (repro22 #7).
        if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) {
            throw .cannotCreate(path, reason: "it is a symbolic link to \(target), which does not exist")
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
            let reason = underlying.map { String(cString: strerror(Int32($0.code))) } ?? (error as NSError).localizedDescription
            throw .cannotCreate(path, reason: reason)
        }
    }
}

/// Creating a plan's log went wrong.
public enum ArchiveError: Error, Equatable, CustomStringConvertible {
    case planExists(String)
    /// A plan id that does not match `PlanID.grammar` (it could name a path outside the home).
    case invalidPlanID(String)
    case cannotCreate(String, reason: String)

    public var description: String {
        switch self {
        case .planExists(let id): "a plan with id \(id) already exists; pass a different --seed"
        case .invalidPlanID(let id):
            "'\(id.prefix(80))' is not a plan id (\(PlanID.grammar)); give an id from `evlog list` or the path of a .evlog file"
        case .cannotCreate(let path, let reason): "cannot create the directory \(path): \(reason); check --home"
        }
    }
}
