import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Processes taking turns at a read-modify-write of a small shared file: an exclusive `flock` on a
/// sidecar lock file (a regular file at its real path, created if missing and never removed), waited
/// for, held while `body` runs and dropped after it — also when the holder dies.
public enum TurnLock {
    /// Runs `body` holding the lock at `lockPath`.
    public static func holding<R>(_ lockPath: String, _ body: () throws -> R) throws -> R {
        let file = try LogFile.open(lockPath, writable: true, create: true)
        defer { file.close() }
        while flock(file.descriptor.rawValue, LOCK_EX) != 0 {
            let code = Errno(rawValue: errno)
            guard code == .interrupted else { throw EventLogError.io(path: lockPath, operation: "flock", errno: code) }
        }
        return try body()
    }
}
