import Sealing

/// The file operations executors need, behind a seam so a simulation never touches real files.
///
/// Contract: `writeAtomically` leaves either the old or the new contents, never a mix (temp file in the
/// same directory + rename); `availableBytes` answers for the filesystem holding `path` or its nearest
/// existing parent.
public protocol FileSystem: Sendable {
    func read(_ path: String) throws -> [UInt8]?
    func writeAtomically(_ path: String, contents: [UInt8], mode: UInt16?) throws
    func exists(_ path: String) -> Bool
    func isExecutable(_ path: String) -> Bool
    func copy(_ source: String, to destination: String) throws
    func availableBytes(at path: String) -> Int64?
    func createDirectory(_ path: String) throws
    /// Everything under `directory`, links not followed (an unpacked archive, checked before any of it is used);
    /// empty when it cannot be read.
    func entries(under directory: String) -> [FileEntry]
    /// What is at `path` itself, link not followed (its `path` is `path`); nil when nothing is.
    func entry(at path: String) -> FileEntry?
    /// Makes `path` a directory only this user can use (mode 0700), or checks that it already is one: a link,
    /// another owner or a wider mode is refused, so no other user can put a file in it or replace one.
    func createPrivateDirectory(_ path: String) throws
    /// The bytes of the file at `path`, read through one descriptor opened without following a link. Refused
    /// unless it is a regular file with one name, owned by this user, writable by no one else and at most
    /// `limit` bytes long: what is returned is what the file held, and nobody else could change it meanwhile.
    func readPrivateFile(_ path: String, limit: Int) throws -> [UInt8]
    /// Why someone other than root and this user could change the file at the absolute `path` or a directory or
    /// link on the way to it (`LockedPath`), or nil when nobody else can: a program named by its path runs only then.
    func changeableByOthers(_ path: String) -> String?
    /// The SHA-256 (lowercase hex) of the regular file at `path`, its link not followed; nil when nothing, a link or
    /// something other than a regular file is there, or it cannot be read.
    func sha256(ofFile path: String) -> String?
    /// Why someone other than root and this user could change the directory at the absolute `path` (or, when it
    /// does not exist yet, the nearest directory on it that does) or a step on the way (`LockedPath`), or nil.
    func directoryChangeableByOthers(_ path: String) -> String?
}

extension FileSystem {
    /// From the whole file read at once: a simulated file system's files are small.
    public func sha256(ofFile path: String) -> String? {
        guard entry(at: path)?.kind == .regular, let bytes = (try? read(path)) ?? nil else { return nil }
        return ContentDigest.sha256Hex(bytes)
    }
}

/// One file found under a directory, as `lstat` sees it.
public struct FileEntry: Hashable, Sendable {
    /// What kind of file: devices, FIFOs and sockets are `other`.
    public enum Kind: Hashable, Sendable { case regular, directory, symbolicLink, other }

    /// Relative to the directory walked (`bin/rg`).
    public var path: String
    public var kind: Kind
    /// The permission bits, setuid, setgid and sticky included.
    public var mode: UInt16
    /// Where a symbolic link points, as written in it.
    public var linkTarget: String?
    /// The file's identity (device and inode) and how many names it has: a hard link shares its identity.
    public var identity: [UInt64]
    public var linkCount: UInt64

    public init(path: String, kind: Kind, mode: UInt16, linkTarget: String? = nil, identity: [UInt64] = [], linkCount: UInt64 = 1) {
        self.path = path
        self.kind = kind
        self.mode = mode
        self.linkTarget = linkTarget
        self.identity = identity
        self.linkCount = linkCount
    }
}

/// A file operation that failed, with the path and what to do.
public struct FileSystemError: Error, CustomStringConvertible {
    public var path: String
    public var operation: String
    public var errno: Int32
    public init(path: String, operation: String, errno: Int32) {
        self.path = path
        self.operation = operation
        self.errno = errno
    }
    public var description: String { "\(operation) \(path) failed (errno \(errno))" }
}
