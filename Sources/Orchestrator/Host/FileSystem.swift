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
