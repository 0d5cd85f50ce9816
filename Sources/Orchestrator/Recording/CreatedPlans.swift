import Foundation
import InstallModel

/// The plans this home created, one id a line in `<home>/created-plans`, appended when a run creates its log
/// (`PlanArchive.create`; never for an import). A log in `plans/` whose id is not listed was copied in, not
/// written here: `resume` and `remedy` refuse it when it is unsealed (ForeignLogOptions). A home from before the
/// record starts it with the plans it holds when it is first read or written.
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

    /// Records that this home created the plan `id`.
    public func record(_ id: PlanID) throws {
        startIfMissing()
        try append([id.rawValue])
    }

    /// Starts the record of a home that has none with the plans it holds (written before the record existed).
    private func startIfMissing() {
        guard !FileManager.default.fileExists(atPath: path) else { return }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: archive.plansDirectory)) ?? []
        try? append(names.filter { $0.hasSuffix(".evlog") }.map { String($0.dropLast(".evlog".count)) }.sorted())
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
