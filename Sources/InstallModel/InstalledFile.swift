/// A file a step put in place (a release's binary), with the SHA-256 of what it wrote: `uninstall` removes the file
/// only while it still holds those bytes, so a file the user put at that path since is never deleted (truth12 F8).
public struct InstalledFile: Hashable, Codable, Sendable {
    /// The path as the step names it (`~/…` stays unexpanded, as the plan wrote it).
    public var path: String
    /// Lowercase hex, 64 digits.
    public var sha256: String

    public init(path: String, sha256: String) {
        self.path = path
        self.sha256 = sha256
    }

    /// Whether `sha256` is a digest as evlog writes one (64 lowercase hex digits): a log is input, and a value of
    /// another shape proves nothing.
    public var isWellFormed: Bool {
        sha256.utf8.count == 64 && sha256.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
