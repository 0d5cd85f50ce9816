#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A reader's hold on a log it reads whole (`evlog bundle`): a shared `flock` on the log and on its sidecar
/// `<log>.lock`, the two locks a writer takes exclusively (`WriterLock`). While it is held no writer starts,
/// so the file read is the file as a stopped writer left it; a log a writer holds (or whose sidecar a writer
/// of a copy renamed over it holds) is not held at all: `take` answers nil, and the caller says the plan is live.
public final class ReaderHold {
    private var files: [LogFile]

    private init(files: [LogFile]) { self.files = files }

    /// Holds the log at `path` against writers, or nil when a writer holds it now. A log without a sidecar
    /// (a bundle, a copy) is held by the log's own lock alone.
    /// A live writer's claim on the log's place (`WriterPresence`) answers nil too: its log and sidecar may both
    /// have been replaced or removed, leaving nothing locked.
    public static func take(logAt path: String) throws(EventLogError) -> ReaderHold? {
        if let place = LogPlace(ofLogAt: path), WriterPresence.holder(of: place) != nil { return nil }
        let log = try LogFile.open(path, writable: false)
        var held = [log]
        let sidecar = try? LogFile.open(WriterLock.lockPath(for: path), writable: false)
        if let sidecar { held.append(sidecar) }
        for file in held where !lockShared(file) {
            held.forEach { $0.close() }
            return nil
        }
        return ReaderHold(files: held)
    }

    deinit { release() }

    /// Copies the held log into a new file at `destination` through the descriptor it holds, up to that file's end
    /// (integrity18 #5: a copy through a second open of the path spun forever at the end of a shorter file renamed
    /// over the log). False when the log's path no longer names the held file: it was replaced while it was read.
    public func copyLog(to destination: String) throws(EventLogError) -> Bool {
        guard let log = files.first else { return false }
        let copy = try LogFile.open(destination, writable: true, create: true, exclusive: true)
        defer { copy.close() }
        var offset: Int64 = 0
        while true {
            let chunk = try log.readBytes(at: offset, count: ReaderHold.copyChunkBytes)
            try copy.write(chunk, at: offset)
            offset += Int64(chunk.count)
            if chunk.count < ReaderHold.copyChunkBytes { break }
        }
        return FileIdentity(of: log).map { $0 == FileIdentity(atPath: log.path) } ?? false
    }

    private static let copyChunkBytes = 1 << 20

    /// Lets writers in again (closing the descriptors drops the locks).
    public func release() {
        files.forEach { $0.close() }
        files = []
    }

    /// `flock(LOCK_SH)` without waiting; false when an exclusive lock (a writer's) is held.
    private static func lockShared(_ file: LogFile) -> Bool {
        while flock(file.descriptor.rawValue, LOCK_SH | LOCK_NB) != 0 {
            if errno != EINTR { return false }
        }
        return true
    }
}
