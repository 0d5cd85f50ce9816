import EventLog
import Foundation
import InstallModel

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
        if let existing {
            // A home whose id was made before homes recorded their place records it now, so a copy made later is told apart.
            if !FileManager.default.fileExists(atPath: placePath), let here = FileIdentity(following: archive.home) { notePlace(here) }
            return existing
        }
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
        if let here = FileIdentity(following: archive.home) { notePlace(here) }
        return id
    }

    /// Where the home's id was made, `<home>/home-place`: the home directory's device, inode and path, one line. A copy
    /// of the whole home (`cp -a`, a restored backup, rsync to another directory) carries the id and this file along,
    /// but is another directory (integrity16 finding 2).
    public var placePath: String { archive.home + "/home-place" }

    /// The home this one is a copy of, when that one is still where the id was made and still holds the plan `id`'s
    /// log: the directory `home-place` names is the one it recorded, with the same home id. Nil for the home itself,
    /// for a plan the copy created after it was made, and for a home moved (the place it names is gone or is another
    /// directory): its place is then recorded anew, as it is for a home whose id was made before homes recorded their place.
    public func copiedFrom(holding id: PlanID) -> String? {
        guard let original = copiedFrom() else { return nil }
        return FileManager.default.fileExists(atPath: PlanArchive(home: original).logPath(for: id)) ? original : nil
    }

    /// The home this one is a copy of, when that one is still where the id was made (`copiedFrom(holding:)`).
    func copiedFrom() -> String? {
        guard let id = existing, let here = FileIdentity(following: archive.home) else { return nil }
        let fields = FileManager.default.contents(atPath: placePath).map { String(decoding: $0.prefix(4096), as: UTF8.self) }?
            .trimmingCharacters(in: .newlines).split(separator: " ", maxSplits: 2).map(String.init)
        guard let fields, fields.count == 3, let device = UInt64(fields[0]), let inode = UInt64(fields[1]) else {
            notePlace(here)
            return nil
        }
        let recorded = FileIdentity(device: device, inode: inode)
        if recorded == here { return nil }
        let original = fields[2]
        if FileIdentity(following: original) == recorded, HomeIdentity(archive: PlanArchive(home: original)).existing == id { return original }
        notePlace(here)
        return nil
    }

    /// Records `here` as the home's place; a home that cannot record it (read-only) is left as it is.
    private func notePlace(_ here: FileIdentity) {
        let path = URL(fileURLWithPath: archive.home).standardizedFileURL.path
        try? WholeFile.write(Array("\(here.device) \(here.inode) \(path)\n".utf8), to: placePath, mode: 0o600)
    }

    /// Whether `text` is a home id: 32 lowercase hex digits.
    static func isID(_ text: String) -> Bool {
        text.utf8.count == 32 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}
