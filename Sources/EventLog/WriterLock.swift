import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The single-writer lock of a log (FORMAT.md §6.3): an exclusive `flock` on the sidecar file
/// `<log>.lock`, which holds the writer's pid as decimal text so a refused writer can name it.
///
/// flock locks belong to an open file description, so a second writer is refused even inside the
/// same process, and the kernel drops the lock when the holder dies (SIGKILL included).
///
/// Taken on its own (`LogWriter.lock(path:)`), it lets a writer read and check the log before it opens
/// it for append (`LogWriter.open(…, holding:)`), which recovers a damaged tail: nobody else writes in
/// between, and a log it then leaves alone is not touched.
public final class WriterLock {
    let lockPath: String
    private var file: LogFile?

    /// The sidecar path for the log at `path`.
    static func lockPath(for path: String) -> String { path + ".lock" }

    /// Takes the lock or throws `.locked` naming the holder.
    init(logPath: String) throws(EventLogError) {
        lockPath = WriterLock.lockPath(for: logPath)
        let file = try LogFile.open(lockPath, writable: true, create: true)
        // A brief retry covers `isLocked(path:)` probing with a shared lock at this very moment.
        var attempts = 0
        while flock(file.descriptor.rawValue, LOCK_EX | LOCK_NB) != 0 {
            let code = Errno(rawValue: errno)
            if code == .interrupted { continue }
            attempts += 1
            guard code == .wouldBlock || code == .resourceTemporarilyUnavailable, attempts < WriterLock.attemptsMax else {
                let holder = WriterLock.recordedPID(file)
                file.close()
                if code == .wouldBlock || code == .resourceTemporarilyUnavailable {
                    throw .locked(path: logPath, lockPath: lockPath, holderPID: holder)
                }
                throw .io(path: lockPath, operation: "flock", errno: code)
            }
            usleep(WriterLock.retryPauseMicros)
        }
        do throws(EventLogError) {
            try file.truncate(to: 0)
            try file.write(Array("\(getpid())\n".utf8), at: 0)
        } catch {
            file.close()
            throw error
        }
        self.file = file
    }

    deinit { release() }

    /// Drops the lock (closing the descriptor releases the flock). The sidecar file stays: removing
    /// it would let a waiting writer and a new one lock two different files.
    public func release() {
        file?.close()
        file = nil
    }

    /// The pid of the process holding the lock of the log at `path`, nil when nobody holds it,
    /// 0 when it is held but the holder has not yet written its pid.
    static func holder(ofLogAt path: String) -> Int32? {
        guard let file = try? LogFile.open(lockPath(for: path), writable: false) else { return nil }
        defer { file.close() }
        if flock(file.descriptor.rawValue, LOCK_SH | LOCK_NB) == 0 {
            _ = flock(file.descriptor.rawValue, LOCK_UN)
            return nil
        }
        return recordedPID(file) ?? 0
    }

    private static let attemptsMax = 5
    private static let retryPauseMicros: useconds_t = 10_000

    /// The holder's pid; a holder that has just taken the lock writes it a moment later, so an
    /// empty sidecar is read again for up to `attemptsMax` pauses before giving up.
    private static func recordedPID(_ file: LogFile) -> Int32? {
        for _ in 0..<attemptsMax {
            if let pid = readPID(file) { return pid }
            usleep(retryPauseMicros)
        }
        return readPID(file)
    }

    private static func readPID(_ file: LogFile) -> Int32? {
        guard let bytes = try? file.readBytes(at: 0, count: 16) else { return nil }
        let text = String(decoding: bytes, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
        return Int32(text)
    }
}
