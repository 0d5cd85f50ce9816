#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import EventLog

/// Which file a path names and which of its writes it holds: its identity, size, and times of last
/// modification and of last change. Any write changes the change time, which no user can set back
/// (`touch -d` and `utimes` set it to now), so a file edited in place with its size and modification time put
/// back (serve16 #11) is another version; a summary kept under a version holds while the file keeps it.
struct FileVersion: Hashable, Sendable {
    var identity: FileIdentity
    var size: Int64
    /// Nanoseconds since the epoch.
    var modified: Int64
    var changed: Int64

    /// The file at `path` itself (a symbolic link is not followed); nil when there is none.
    init?(atPath path: String) {
        var status = stat()
        guard lstat(path, &status) == 0 else { return nil }
        identity = FileIdentity(device: UInt64(truncatingIfNeeded: status.st_dev), inode: UInt64(truncatingIfNeeded: status.st_ino))
        size = Int64(status.st_size)
        modified = Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
        changed = Int64(status.st_ctim.tv_sec) * 1_000_000_000 + Int64(status.st_ctim.tv_nsec)
    }
}
