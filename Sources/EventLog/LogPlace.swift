/// Where a log lives, independent of how its path is spelled: the identity of its directory (links
/// followed, as opening the path does) and its file name. A writer's lock file records it, so a lock file
/// hard-linked beside another log, which records that other log's place, never speaks for this one.
public struct LogPlace: Hashable, Sendable {
    public var directory: FileIdentity
    public var name: String

    public init(directory: FileIdentity, name: String) {
        self.directory = directory
        self.name = name
    }

    /// The place of the log at `path`; nil when its directory cannot be looked at or the name is empty.
    public init?(ofLogAt path: String) {
        let slash = path.lastIndex(of: "/")
        let name = String(slash.map { path[path.index(after: $0)...] } ?? path[...])
        let directory = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        guard !name.isEmpty, let identity = FileIdentity(following: directory) else { return nil }
        self.init(directory: identity, name: name)
    }

    /// One line of a lock file: `<device> <inode> <name>` (the name last, since only it may hold spaces).
    var line: String { "\(directory.device) \(directory.inode) \(name)" }

    /// Reads `line` back; nil when it is not one.
    init?(line: Substring) {
        let words = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard words.count == 3, let device = UInt64(words[0]), let inode = UInt64(words[1]), !words[2].isEmpty else { return nil }
        self.init(directory: FileIdentity(device: device, inode: inode), name: String(words[2]))
    }
}
