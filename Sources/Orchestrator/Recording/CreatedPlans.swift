import Foundation
import InstallModel

/// The plans this home created, one id a line in `<home>/created-plans`, appended when a run creates its log
/// (`PlanArchive.create`; never for an import). It decides for logs whose header names no home (written before
/// homes named themselves, `HomeIdentity`): one whose id is not listed was copied in, not written here, and
/// `resume` and `remedy` refuse it when it is unsealed (ForeignLogOptions). A log from before the record too is
/// never listed: unsealed and naming no home, nothing tells it from a log copied in before the home's first run,
/// so it is foreign (read it, or `evlog import` it; one sealed by this host's key still resumes).
///
/// The same kind of record, `<home>/adopted-plans` (`adopted(in:)`), lists the plans of logs from elsewhere this home
/// took over (`resume FILE --key`, `remedy FILE --key`, which continue a copy in `plans/`): a log in `plans/` that
/// another home created is this home's to continue only when it is listed there (integrity16 finding 8).
public struct CreatedPlans: Sendable {
    public let archive: PlanArchive
    /// The record's file name in the home.
    let name: String

    public init(archive: PlanArchive) {
        self.archive = archive
        name = "created-plans"
    }

    private init(archive: PlanArchive, name: String) {
        self.archive = archive
        self.name = name
    }

    /// The plans of logs from elsewhere this home took over, one id a line in `<home>/adopted-plans`.
    public static func adopted(in archive: PlanArchive) -> CreatedPlans { CreatedPlans(archive: archive, name: "adopted-plans") }

    public var path: String { archive.home + "/" + name }

    /// Whether the home keeps the record at all: a home whose plans were all made before it did (an older evlog)
    /// has none, and its logs cannot be told apart by it.
    public var isKept: Bool { FileManager.default.fileExists(atPath: path) }

    /// Whether this home created the plan `id`.
    public func contains(_ id: PlanID) -> Bool { ids.contains(id.rawValue) }

    /// The plans the record lists (none when there is no record).
    public var ids: Set<String> {
        let text = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return Set(text.split(separator: "\n").map(String.init))
    }

    /// Whether this home wrote the log `log` in its `plans/`: the home its header names is this one, or, for a log
    /// that names none (written before homes named themselves), the record lists its plan.
    public func wrote(_ log: PlanLog) -> Bool { read().wrote(log) }

    /// The home's identity and record, read once, for questions about many logs (`InstallHistory.plans`).
    public func read() -> Reading {
        Reading(home: HomeIdentity(archive: archive).existing, ids: ids, isKept: isKept)
    }

    /// What `read()` found: which home this is, the plans its record lists, whether it keeps one.
    public struct Reading: Sendable {
        public let home: String?
        public let ids: Set<String>
        public let isKept: Bool

        /// As `CreatedPlans.wrote`.
        public func wrote(_ log: PlanLog) -> Bool {
            if let named = log.creatingHome { return named == home }
            return ids.contains(log.id.rawValue)
        }
    }

    /// Starts the record (empty) when the home has none: a log from elsewhere continued here is then told apart
    /// from the home's own, which a home without a record cannot do.
    public func keep() throws {
        try append([])
    }

    /// Records that this home created the plan `id`.
    public func record(_ id: PlanID) throws {
        try append([id.rawValue])
    }

    private func append(_ ids: [String]) throws {
        try archive.makeDirectory(archive.home)
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else { throw ArchiveError.cannotCreate(path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        let bytes = Array(ids.map { $0 + "\n" }.joined().utf8)
        guard bytes.withUnsafeBytes({ write(descriptor, $0.baseAddress, $0.count) }) == bytes.count else {
            throw ArchiveError.cannotCreate(path, reason: String(cString: strerror(errno)))
        }
    }
}
