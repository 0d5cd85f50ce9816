import Foundation
import InstallModel

/// The plans this home created, one id a line in `<home>/created-plans`, appended when a run creates its log
/// (`PlanArchive.create`; never for an import). A log in `plans/` whose id is not listed was copied in, not
/// written here: `resume` and `remedy` refuse it when it is unsealed (ForeignLogOptions). A home from before the
/// record starts it at the first run of any command (`start`) with the plans it holds then — all but those whose
/// header names another home (`HomeIdentity`) — so a log copied in later is foreign.
public struct CreatedPlans: Sendable {
    public let archive: PlanArchive

    public init(archive: PlanArchive) { self.archive = archive }

    public var path: String { archive.home + "/created-plans" }

    /// Whether this home created the plan `id`.
    public func contains(_ id: PlanID) -> Bool {
        startIfMissing()
        let text = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return text.split(separator: "\n").contains { $0 == id.rawValue }
    }

    /// Whether this home wrote the log `log` in its `plans/`: the home its header names is this one, or, for a log
    /// that names none (written before homes named themselves), the record lists its plan.
    public func wrote(_ log: PlanLog) -> Bool {
        if let named = log.creatingHome { return named == HomeIdentity(archive: archive).existing }
        return contains(log.id)
    }

    /// Records that this home created the plan `id`.
    public func record(_ id: PlanID) throws {
        startIfMissing()
        try append([id.rawValue])
    }

    /// Starts the record of a home that has plans and no record (written before the record existed) with the plans
    /// it holds but those whose header names another home. Every command calls it first, so the record starts at the
    /// first run, before a log can be copied in unnoticed; nothing is written for a home with no `plans/`.
    public func start() {
        guard FileManager.default.fileExists(atPath: archive.plansDirectory) else { return }
        startIfMissing()
    }

    private func startIfMissing() {
        guard !FileManager.default.fileExists(atPath: path) else { return }
        let own = HomeIdentity(archive: archive).existing
        let logs = PlanLog.all(inDirectory: archive.plansDirectory).filter { $0.path.hasSuffix(PlanLog.fileExtension) }
        try? append(logs.filter { $0.creatingHome == nil || $0.creatingHome == own }.map(\.id.rawValue).sorted())
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
