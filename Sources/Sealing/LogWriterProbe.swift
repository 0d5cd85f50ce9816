import EventLog
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether an evlog process is writing a log, from its writer lock (FORMAT.md §6.3) — the same probe on
/// every system: a non-blocking shared `flock` on `<log>.lock` fails only while a writer holds it
/// exclusively, and the kernel drops that lock when its holder dies, so no process table is read to
/// learn that the writer lives.
///
/// Any process may lock the file (`flock LOG.lock sleep 30`), so the pid the lock file names must be
/// alive and, where the system says which program a process runs (Linux's `/proc/<pid>/exe`,
/// macOS's `proc_pidpath`), be evlog: this program, or one named `evlog`. Elsewhere the lock decides.
enum LogWriterProbe {
    /// The pid of the evlog process holding the lock of the log at `path`, or nil.
    static func liveWriter(ofLogAt path: String) -> Int32? {
        guard let pid = LogWriter.isLocked(path: path), pid > 0 else { return nil }
        if pid == getpid() { return pid }
        guard kill(pid, 0) == 0 || errno == EPERM else { return nil }
        return runsEvlog(pid) ?? true ? pid : nil
    }

    /// Whether `pid` runs this program or one named `evlog`; nil where the system cannot say.
    static func runsEvlog(_ pid: Int32) -> Bool? {
        #if os(Linux)
        let executable = { (process: String) in try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(process)/exe") }
        guard let own = executable("self") else { return nil }
        let name = (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        return executable(String(pid)) == own || name == "evlog"
        #elseif canImport(Darwin)
        let executable = { (process: Int32) -> String? in
            // PROC_PIDPATHINFO_MAXSIZE is 4 × MAXPATHLEN.
            var buffer = [CChar](repeating: 0, count: 4 * Int(MAXPATHLEN))
            return proc_pidpath(process, &buffer, UInt32(buffer.count)) > 0 ? String(cString: buffer) : nil
        }
        guard let own = executable(getpid()) else { return nil }
        guard let path = executable(pid) else { return false }
        return path == own || URL(fileURLWithPath: path).lastPathComponent == "evlog"
        #else
        return nil
        #endif
    }
}
