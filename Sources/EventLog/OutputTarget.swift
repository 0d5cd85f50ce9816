import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The check on a file a command is told to write (`bundle -o PATH`) before `WholeFile` renames a new
/// file over it: the name must be absent or a plain regular file, and not one of the files the writer
/// must never replace (the home's plan logs and their locks, any log an evlog process is writing, any
/// other home's plan log). A symlink, FIFO, device or directory at
/// the name would otherwise be replaced by the rename, not written through.
public enum OutputTarget {
    /// Why `path` may not be replaced (one line, naming what to do), or nil when it may. `protectedDirectories`
    /// are directories none of whose entries may be replaced (compared by device and inode, so a hard
    /// link or another spelling of the same file is caught); `protectedFiles` are single such files.
    public static func problem(_ path: String, protectedDirectories: [String], protectedFiles: [String] = []) -> String? {
        guard !path.isEmpty else { return "the output file name is empty: give a file to write" }
        var target = stat()
        guard lstat(path, &target) == 0 else {
            if errno == ENOENT { return directoryProblem(of: path) }
            return "cannot check the output file \(path): \(Errno(rawValue: errno)); give a file in a writable directory"
        }
        guard (target.st_mode & S_IFMT) == S_IFREG else {
            return "the output file \(path) exists and is not a regular file (a symlink, FIFO, device or directory): give a new file name"
        }
        if let problem = evlogFileProblem(path, size: Int64(target.st_size)) { return problem }
        let protected = protectedFiles + protectedDirectories.flatMap(entries)
        for file in protected {
            var other = stat()
            guard lstat(file, &other) == 0, other.st_dev == target.st_dev, other.st_ino == target.st_ino else { continue }
            return "the output file \(path) is a plan log or lock evlog keeps (\(file)): give a new file name"
        }
        return nil
    }

    /// The directory a file named `path` goes in (`.` for a bare name).
    public static func directory(of path: String) -> String {
        let slash = path.lastIndex(of: "/")
        return slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
    }

    /// Why the directory a new output file goes in cannot take it, or nil: it does not exist, or is not a directory.
    private static func directoryProblem(of path: String) -> String? {
        let directory = directory(of: path)
        var info = stat()
        guard stat(directory, &info) == 0 else { return "there is no directory \(directory) for \(path): create it first, or give a file in an existing one" }
        guard (info.st_mode & S_IFMT) == S_IFDIR else { return "\(directory) is not a directory: give a file in a directory" }
        return nil
    }

    /// A log some evlog process is writing (its lock held), a plan log of any home (the evlog magic under a
    /// name that is not a bundle's `.evb`), or a file that is no evlog file at all (a host key, a record of seals
    /// seen, a user's document: integrity13 #14): a rename over it would lose that run, that plan's history or that
    /// file. Only an empty file, or an earlier bundle, is replaced.
    private static func evlogFileProblem(_ path: String, size: Int64) -> String? {
        if let pid = WriterLock.holder(ofLogAt: path) {
            return "the output file \(path) is a log a running evlog\(pid > 0 ? " (process \(pid))" : "") is writing: give a new file name"
        }
        guard size > 0 else { return nil }
        guard let file = try? LogFile.open(path, writable: false) else {
            return "the output file \(path) exists and cannot be read, so it cannot be told to be an earlier bundle: give a new file name"
        }
        defer { file.close() }
        guard (try? file.readBytes(at: 0, count: LogFormat.magic.count)) == LogFormat.magic else {
            return "the output file \(path) exists and is not an evlog bundle (it would be replaced): give a new file name, or remove it first"
        }
        guard path.hasSuffix(".evb") else {
            return "the output file \(path) is an evlog plan log, not a bundle: give a new file name (a bundle is NAME.evb)"
        }
        return nil
    }

    /// The paths of the entries of `directory` (none when it cannot be read).
    private static func entries(_ directory: String) -> [String] {
        guard let stream = opendir(directory) else { return [] }
        defer { closedir(stream) }
        var paths: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { paths.append(directory + "/" + name) }
        }
        return paths
    }
}
