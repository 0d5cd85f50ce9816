import Foundation

/// This home's name for itself: 32 random hex digits in `<home>/home-id` (mode 0600), made when the home first
/// creates a plan and named in the header of every log a run here creates (`PlanArchive.creator(home:)`). An
/// unsealed log in `plans/` that names another home's id was written elsewhere, whatever `created-plans` says; one
/// that names none is from before homes named themselves, and `CreatedPlans` decides (`CreatedPlans.wrote`).
public struct HomeIdentity: Sendable {
    public let archive: PlanArchive

    public init(archive: PlanArchive) { self.archive = archive }

    public var path: String { archive.home + "/home-id" }

    /// The home's id, nil when it has none yet (or the file holds no id).
    public var existing: String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let text = String(decoding: data.prefix(64), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return HomeIdentity.isID(text) ? text : nil
    }

    /// The home's id, made when it has none.
    public func make() throws -> String {
        if let existing { return existing }
        try archive.makeDirectory(archive.home)
        var generator = SystemRandomNumberGenerator()
        let id = (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else {
            // Another run made it first: its id is the home's.
            if errno == EEXIST, let existing { return existing }
            throw ArchiveError.cannotCreate(path, reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        let bytes = Array((id + "\n").utf8)
        guard bytes.withUnsafeBytes({ write(descriptor, $0.baseAddress, $0.count) }) == bytes.count else {
            throw ArchiveError.cannotCreate(path, reason: String(cString: strerror(errno)))
        }
        return id
    }

    /// Whether `text` is a home id: 32 lowercase hex digits.
    static func isID(_ text: String) -> Bool {
        text.utf8.count == 32 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}
