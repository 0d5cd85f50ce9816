import EventLog
import Foundation
import InstallModel

/// The plans under an evlog home: `<home>/plans/<plan-id>.evlog`, where they live and how a run
/// creates or reopens one for writing. Reading goes through `PlanLog`.
public struct PlanArchive: Sendable {
    public let home: String
    public static let creator = "evlog 0.1"

    public init(home: String) { self.home = home }

    public var plansDirectory: String { home + "/plans" }
    public func logPath(for id: PlanID) -> String { plansDirectory + "/" + id.rawValue + ".evlog" }
    public var workDirectory: String { home + "/work" }
    public var backupDirectory: String { home + "/backups" }

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
}

/// Creating a plan's log went wrong.
public enum ArchiveError: Error, Equatable, CustomStringConvertible {
    case planExists(String)

    public var description: String {
        switch self {
        case .planExists(let id): "a plan with id \(id) already exists; pass a different --seed"
        }
    }
}
