import Orchestrator
import Synchronization

/// An in-memory filesystem for simulations: config and shell-profile steps change nothing real.
/// A directory an archive was unpacked into holds whatever path is asked of it: the simulated
/// archive has what the recipe says it has.
public final class SimulatedFileSystem: FileSystem {
    private let files: Mutex<[String: [UInt8]]>
    private let executables: Mutex<Set<String>>
    private let unpackedDirectories = Mutex<Set<String>>([])
    private let freeBytes: Int64
    /// A reproduction's: the errors the original's file system gave evlog's own file work, given again.
    private let failures: RecordedFileFailures?

    public init(
        files: [String: [UInt8]] = [:], executables: Set<String> = [], freeBytes: Int64 = 50 << 30, failures: RecordedFileFailures? = nil
    ) {
        self.files = Mutex(files)
        self.executables = Mutex(executables)
        self.freeBytes = freeBytes
        self.failures = failures
    }

    public func read(_ path: String) throws -> [UInt8]? { files.withLock { $0[path] } }
    public func writeAtomically(_ path: String, contents: [UInt8], mode: UInt16?) throws {
        if let failure = failures?.failure(changing: path) { throw failure }
        files.withLock { $0[path] = contents }
        if let mode, mode & 0o111 != 0 { _ = executables.withLock { $0.insert(path) } }
    }
    /// Removes the file at `path`, if there is one (a reproduction's machine losing a file the original could not read).
    public func remove(_ path: String) {
        _ = files.withLock { $0.removeValue(forKey: path) }
    }
    /// Removes what `rm -rf path` would: the file, everything under it, and an archive unpacked into it.
    public func removeAll(at path: String) {
        files.withLock { files in
            for key in files.keys where key == path || key.hasPrefix(path + "/") { files.removeValue(forKey: key) }
        }
        unpackedDirectories.withLock { directories in
            directories = directories.filter { $0 != path && !$0.hasPrefix(path + "/") }
        }
    }
    public func exists(_ path: String) -> Bool {
        if unpackedDirectories.withLock({ $0.contains { path.hasPrefix($0 + "/") } }) { return true }
        return files.withLock { files in files[path] != nil || files.keys.contains { $0.hasPrefix(path + "/") } }
    }
    /// Records that an archive was unpacked into `directory`.
    public func unpackArchive(into directory: String) {
        _ = unpackedDirectories.withLock { $0.insert(directory) }
    }
    public func isExecutable(_ path: String) -> Bool { executables.withLock { $0.contains(path) } }
    public func copy(_ source: String, to destination: String) throws {
        if let failure = failures?.failure(changing: destination) { throw failure }
        files.withLock { $0[destination] = $0[source] }
    }
    public func availableBytes(at path: String) -> Int64? { freeBytes }
    public func createDirectory(_ path: String) throws {
        if let failure = failures?.failure(changing: path) { throw failure }
    }
    /// Every simulated directory is this user's alone.
    public func createPrivateDirectory(_ path: String) throws { try createDirectory(path) }
    /// No other user has a simulated file.
    public func changeableByOthers(_ path: String) -> String? { nil }
    public func directoryChangeableByOthers(_ path: String) -> String? { nil }
    /// What the simulated file holds (a fetch leaves it empty), within `limit` as on the real system.
    public func readPrivateFile(_ path: String, limit: Int) throws -> [UInt8] {
        guard let contents = try read(path) else { throw FileSystemError(path: path, operation: "open", errno: 2) }
        guard contents.count <= limit else { throw FileSystemError(path: path, operation: "read (longer than \(limit) bytes)", errno: 27) }
        return contents
    }
    /// A simulated archive holds regular files only: the ones written under `directory`.
    public func entry(at path: String) -> FileEntry? {
        files.withLock { $0[path] == nil ? nil : FileEntry(path: path, kind: .regular, mode: 0o755) }
    }

    public func entries(under directory: String) -> [FileEntry] {
        files.withLock { files in
            files.keys.filter { $0.hasPrefix(directory + "/") }.sorted().map {
                FileEntry(path: String($0.dropFirst(directory.count + 1)), kind: .regular, mode: 0o755)
            }
        }
    }
}
