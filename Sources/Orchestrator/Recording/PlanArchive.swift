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

    /// A plan id, or a path to a log file or bundle.
    public func resolve(_ planOrPath: String) throws(ArchiveError) -> String {
        if planOrPath.hasSuffix(".evlog") || planOrPath.hasSuffix(".evb") || planOrPath.contains("/") {
            guard FileManager.default.fileExists(atPath: planOrPath) else { throw .noSuchLog(planOrPath) }
            return planOrPath
        }
        let path = logPath(for: PlanID(planOrPath))
        guard FileManager.default.fileExists(atPath: path) else {
            throw .noSuchPlan(planOrPath, known: listIDs().prefix(5).map(\.rawValue))
        }
        return path
    }

    /// Creates the plan's log (it must not exist yet) and returns its writer.
    public func create(_ plan: Plan, createdAt: Timestamp) throws -> LogWriter {
        try FileManager.default.createDirectory(atPath: plansDirectory, withIntermediateDirectories: true)
        let path = logPath(for: plan.id)
        guard !FileManager.default.fileExists(atPath: path) else { throw ArchiveError.planExists(plan.id.rawValue) }
        return try LogWriter.open(path: path, label: plan.id.rawValue, creator: PlanArchive.creator, createdAtMicros: createdAt.microseconds)
    }

    /// Opens an existing log for append (recovering a torn tail first).
    public func reopen(_ path: String) throws -> LogWriter {
        try LogWriter.open(path: path, label: "", creator: PlanArchive.creator, createdAtMicros: 0)
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

    /// The state of a log, folding from its last checkpoint (fast on huge logs), or from the start.
    public static func foldFromLastCheckpoint(_ path: String) throws -> PlanState {
        let checkpointed = try LogReader(path: path)
        let reader = try checkpointed.seekToLastCheckpoint() ? checkpointed : try LogReader(path: path)
        var state = PlanState()
        try reader.forEachRecord { _, _, payload in
            if let event = try? EventPayload.decode(payload) { state.apply(event) }
        }
        return state
    }

    public func listIDs() -> [PlanID] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: plansDirectory)) ?? []
        return names.filter { $0.hasSuffix(".evlog") }.map { PlanID(String($0.dropLast(6))) }.sorted()
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

    public var description: String {
        switch self {
        case .noSuchPlan(let id, let known):
            "no plan '\(id)' in this evlog home" + (known.isEmpty ? "" : " (known: \(known.joined(separator: ", ")); see `evlog list`)")
        case .noSuchLog(let path): "no log file at \(path)"
        case .planExists(let id): "a plan with id \(id) already exists; pass a different --seed"
        }
    }
}
