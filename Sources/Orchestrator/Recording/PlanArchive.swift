import EventLog
import Foundation
import InstallModel

/// The plans under an evlog home: `<home>/plans/<plan-id>.evlog`, how to find, open, read and list them.
public struct PlanArchive: Sendable {
    public let home: String
    public static let creator = "evlog 0.1"

    public init(home: String) { self.home = home }

    public var plansDirectory: String { home + "/plans" }
    public func logPath(for id: PlanID) -> String { plansDirectory + "/" + id.rawValue + ".evlog" }
    public var workDirectory: String { home + "/work" }
    public var backupDirectory: String { home + "/backups" }

    /// A plan id, or a path to a log file.
    public func resolve(_ planOrPath: String) throws(ArchiveError) -> String {
        if planOrPath.hasSuffix(".evlog") || planOrPath.contains("/") {
            guard FileManager.default.fileExists(atPath: planOrPath) else { throw .noSuchLog(planOrPath) }
            return planOrPath
        }
        let id = PlanID(planOrPath)
        guard id.isWellFormed else { throw .invalidPlanID(planOrPath) }
        let path = logPath(for: id)
        guard FileManager.default.fileExists(atPath: path) else {
            throw .noSuchPlan(planOrPath, known: listIDs().prefix(5).map(\.rawValue))
        }
        return path
    }

    /// Creates the plan's log (it must not exist yet) and returns its writer.
    public func create(_ plan: Plan, createdAt: Timestamp) throws -> LogWriter {
        guard plan.id.isWellFormed else { throw ArchiveError.invalidPlanID(plan.id.rawValue) }
        try makeDirectory(plansDirectory)
        let path = logPath(for: plan.id)
        guard !FileManager.default.fileExists(atPath: path) else { throw ArchiveError.planExists(plan.id.rawValue) }
        return try LogWriter.open(path: path, label: plan.id.rawValue, creator: PlanArchive.creator, createdAtMicros: createdAt.microseconds)
    }

    /// Opens an existing log for append, recovering a damaged tail first: the cut bytes are kept in
    /// `<log>.damaged-<UTC time of now>` (FORMAT.md §5.4).
    public func reopen(_ path: String, now: Timestamp) throws -> LogWriter {
        try LogWriter.open(path: path, label: "", creator: PlanArchive.creator, createdAtMicros: 0, nowMicros: now.microseconds)
    }

    /// Every event of a log, up to its first damage.
    public static func readEvents(_ path: String) throws -> LogContents {
        let reader = try LogReader(path: path)
        var events: [Event] = []
        var undecodable = 0
        try reader.forEachRecord { _, _, payload in
            if let event = try? EventPayload.decode(payload) { events.append(event) } else { undecodable += 1 }
        }
        return LogContents(events: events, damage: reader.damage, undecodableRecords: undecodable)
    }

    /// The state of a log, folding from its last checkpoint (fast on huge logs), or from the start,
    /// and the damage met on the way (blocks before the checkpoint are not read: `evlog verify` reads all).
    public static func foldFromLastCheckpoint(_ path: String) throws -> (state: PlanState, damage: LogDamage?) {
        let checkpointed = try LogReader(path: path)
        let reader = try checkpointed.seekToLastCheckpoint() ? checkpointed : try LogReader(path: path)
        var state = PlanState()
        try reader.forEachRecord { _, _, payload in
            if let event = try? EventPayload.decode(payload) { state.apply(event) }
        }
        return (state, reader.damage)
    }

    /// Creates `path` (and its parents) as a directory, or throws one clear `ArchiveError`.
    public func makeDirectory(_ path: String) throws(ArchiveError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .cannotCreate(path, reason: "it exists and is not a directory") }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
            let reason = underlying.map { String(cString: strerror(Int32($0.code))) } ?? (error as NSError).localizedDescription
            throw .cannotCreate(path, reason: reason)
        }
    }

    public func listIDs() -> [PlanID] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: plansDirectory)) ?? []
        return names.filter { $0.hasSuffix(".evlog") }.map { PlanID(String($0.dropLast(6))) }.filter(\.isWellFormed).sorted()
    }

    /// Whether a live process is writing this log now.
    public static func writerPID(_ path: String) -> Int32? { LogWriter.isLocked(path: path) }
}

/// A log's events and where reading stopped.
public struct LogContents {
    public var events: [Event]
    public var damage: LogDamage?
    public var undecodableRecords: Int
    public var state: PlanState { PlanState.fold(events) }
}

/// Finding a plan or its log went wrong.
public enum ArchiveError: Error, Equatable, CustomStringConvertible {
    case noSuchPlan(String, known: [String])
    case noSuchLog(String)
    case planExists(String)
    /// A plan id that does not match `PlanID.grammar` (it could name a path outside the home).
    case invalidPlanID(String)
    case cannotCreate(String, reason: String)

    public var description: String {
        switch self {
        case .noSuchPlan(let id, let known):
            "no plan '\(id)' in this evlog home" + (known.isEmpty ? "" : " (known: \(known.joined(separator: ", ")); see `evlog list`)")
        case .noSuchLog(let path): "no log file at \(path)"
        case .planExists(let id): "a plan with id \(id) already exists; pass a different --seed"
        case .invalidPlanID(let id):
            "'\(id.prefix(80))' is not a plan id (\(PlanID.grammar)); give an id from `evlog list` or the path of a .evlog file"
        case .cannotCreate(let path, let reason): "cannot create the directory \(path): \(reason); check --home"
        }
    }
}
