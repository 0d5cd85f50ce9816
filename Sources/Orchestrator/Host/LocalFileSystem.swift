#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EventLog
import PathSafety
import SystemPackage

/// The real filesystem, through swift-system file descriptors.
public struct LocalFileSystem: FileSystem {
    public init() {}

    public func read(_ path: String) throws -> [UInt8]? {
        guard exists(path) else { return nil }
        let fd = try FileDescriptor.open(FilePath(path), .readOnly)
        return try fd.closeAfter {
            var result: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            while true {
                let count = try buffer.withUnsafeMutableBytes { try fd.read(into: $0) }
                if count == 0 { break }
                result.append(contentsOf: buffer[..<count])
            }
            return result
        }
    }

    /// Whole or absent (`WholeFile.write`): written under a name nobody can guess beside `path`, created with
    /// `O_EXCL | O_NOFOLLOW` (a file or link planted in a shared directory is never written through), fsynced,
    /// renamed over `path`, and the directory fsynced. Keeps the mode of the file it replaces unless `mode` is given.
    public func writeAtomically(_ path: String, contents: [UInt8], mode: UInt16?) throws {
        let directory = FilePath(path).removingLastComponent()
        try createDirectory(directory.string.isEmpty ? "." : directory.string)
        try WholeFile.write(contents, to: path, mode: CModeT(mode ?? existingMode(path) ?? 0o644))
    }

    private func existingMode(_ path: String) -> UInt16? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return UInt16(info.st_mode & 0o7777)
    }

    public func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    public func isExecutable(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG && access(path, X_OK) == 0
    }

    public func changeableByOthers(_ path: String) -> String? { LockedPath.problem(path) }
    public func directoryChangeableByOthers(_ path: String) -> String? { LockedPath.directoryProblem(path, orNearestParent: true) }

    public func copy(_ source: String, to destination: String) throws {
        guard let contents = try read(source) else {
            throw FileSystemError(path: source, operation: "read", errno: ENOENT)
        }
        try writeAtomically(destination, contents: contents, mode: existingMode(source))
    }

    public func availableBytes(at path: String) -> Int64? {
        var candidate = FilePath(path)
        while !exists(candidate.string), !candidate.isEmpty, candidate.string != "/" {
            candidate = candidate.removingLastComponent()
        }
        var info = statvfs()
        guard statvfs(candidate.string.isEmpty ? "." : candidate.string, &info) == 0 else { return nil }
        return Int64(info.f_bavail) * Int64(info.f_frsize)
    }

    public func createDirectory(_ path: String) throws {
        guard !path.isEmpty, !exists(path) else { return }
        let parent = FilePath(path).removingLastComponent().string
        if !parent.isEmpty, parent != path { try createDirectory(parent) }
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else {
            throw FileSystemError(path: path, operation: "mkdir", errno: errno)
        }
    }

    public func entries(under directory: String) -> [FileEntry] {
        var result: [FileEntry] = []
        var pending = [""]
        while let relative = pending.popLast() {
            guard let stream = opendir(relative.isEmpty ? directory : directory + "/" + relative) else { continue }
            defer { closedir(stream) }
            while let item = readdir(stream) {
                let name = withUnsafeBytes(of: item.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if name == "." || name == ".." { continue }
                let path = relative.isEmpty ? name : relative + "/" + name
                guard let entry = entry(directory + "/" + path, relative: path) else { continue }
                result.append(entry)
                if entry.kind == .directory { pending.append(path) }
            }
        }
        return result.sorted { $0.path < $1.path }
    }

    public func entry(at path: String) -> FileEntry? { entry(path, relative: path) }

    private func entry(_ full: String, relative: String) -> FileEntry? {
        var info = stat()
        guard lstat(full, &info) == 0 else { return nil }
        let kind: FileEntry.Kind =
            switch info.st_mode & S_IFMT {
            case S_IFREG: .regular
            case S_IFDIR: .directory
            case S_IFLNK: .symbolicLink
            default: .other
            }
        var target: String?
        if kind == .symbolicLink {
            var buffer = [CChar](repeating: 0, count: 4096)
            let count = readlink(full, &buffer, buffer.count)
            if count >= 0 { target = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        }
        return FileEntry(
            path: relative, kind: kind, mode: UInt16(info.st_mode & 0o7777), linkTarget: target,
            identity: [UInt64(bitPattern: Int64(info.st_dev)), UInt64(info.st_ino)], linkCount: UInt64(info.st_nlink))
    }
}
