import EventLog
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether an evlog process is writing a log, from its writer lock (FORMAT.md §6.3): an exclusive `flock` on
/// the log file itself, which the kernel drops when its holder dies, so the lock says "alive" without a
/// process table. The sidecar `<log>.lock` names the holder's pid and the log it locked (device, inode);
/// a sidecar naming another file (a hard link to another log's lock) or no one is "no live writer".
///
/// Any process may lock a file (`flock LOG sleep 30`) and write a sidecar, so the pid named must be alive
/// and run evlog (this program, or one named `evlog`) where the system says which program a process runs
/// (Linux's `/proc/<pid>/exe`, macOS's `proc_pidpath`), and on Linux it must be the lock's holder: a
/// descriptor of that process on this very file, opened for writing and closed on exec as a writer's is
/// (so not one inherited from whoever locked it), holds the exclusive lock it took itself
/// (`/proc/<pid>/fdinfo`). Elsewhere the lock and the program decide.
public enum LogWriterProbe {
    /// The pid of the evlog process running the plan of the log at `path` (`liveWriter`, or
    /// `writerOfReplacedLog` when a copy was renamed over its log, or `placeHolder` when its sidecar is gone too),
    /// checked as each checks it; nil when no holder passes those checks (a process that only locked the file, or
    /// wrote a sidecar naming another).
    public static func writer(ofLogAt path: String) -> Int32? {
        liveWriter(ofLogAt: path) ?? writerOfReplacedLog(at: path) ?? placeHolder(ofLogAt: path)
    }

    /// The evlog process claiming the log's place (`LogWriter.placeHolder`: the kernel names the listener, so the
    /// pid is the claimant's own), when it runs evlog; nil otherwise.
    static func placeHolder(ofLogAt path: String) -> Int32? {
        guard let pid = LogWriter.placeHolder(path: path), runsEvlog(pid) ?? true else { return nil }
        return pid
    }

    /// The pid of the evlog process holding the lock of the log at `path`, or nil.
    static func liveWriter(ofLogAt path: String) -> Int32? {
        guard let pid = LogWriter.isLocked(path: path), pid > 0, let log = FileIdentity(atPath: path) else { return nil }
        guard kill(pid, 0) == 0 || errno == EPERM else { return nil }
        guard holdsWriterLock(pid, on: log) ?? true, runsEvlog(pid) ?? true else { return nil }
        return pid
    }

    /// The pid of the evlog process still writing the file that the log at `path` replaced (a copy renamed over a
    /// running plan's log): it holds the sidecar lock for this very place (`LogWriter.replacedLogHolder`), is alive,
    /// runs evlog and holds the writer lock of the file it locked. Nil otherwise: a sidecar hard-linked from
    /// another log names that log's place, not this one.
    public static func writerOfReplacedLog(at path: String) -> Int32? {
        guard let (pid, locked) = LogWriter.replacedLogHolder(path: path), pid > 0 else { return nil }
        guard kill(pid, 0) == 0 || errno == EPERM else { return nil }
        guard holdsWriterLock(pid, on: locked) ?? true, runsEvlog(pid) ?? true else { return nil }
        return pid
    }

    /// Whether one of `pid`'s descriptors is a writer's on `log` holding the exclusive flock `pid` took;
    /// nil where the system does not say (no `/proc`).
    static func holdsWriterLock(_ pid: Int32, on log: FileIdentity) -> Bool? {
        #if os(Linux)
        let directory = "/proc/\(pid)/fd"
        guard let descriptors = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return false }
        return descriptors.contains { descriptor in
            guard FileIdentity(following: directory + "/" + descriptor) == log,
                  let info = try? String(contentsOfFile: "/proc/\(pid)/fdinfo/\(descriptor)", encoding: .utf8) else { return false }
            return isWritersDescriptor(info, lockedBy: pid)
        }
        #else
        return nil
        #endif
    }

    /// Whether a `/proc/<pid>/fdinfo/<fd>` text is that of a writer's descriptor: read-write, close-on-exec,
    /// holding an exclusive flock taken by `pid`.
    static func isWritersDescriptor(_ info: String, lockedBy pid: Int32) -> Bool {
        let lines = info.split(separator: "\n")
        let flags = lines.first { $0.hasPrefix("flags:") }.flatMap { Int32($0.dropFirst("flags:".count).trimmingCharacters(in: .whitespaces), radix: 8) }
        guard let flags, flags & O_ACCMODE == O_RDWR, flags & O_CLOEXEC != 0 else { return false }
        return lines.contains { line in
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            // lock:  1: FLOCK  ADVISORY  WRITE <pid> <major:minor:inode> 0 EOF
            return words.count >= 6 && words[0] == "lock:" && words[2] == "FLOCK" && words[4] == "WRITE" && words[5] == "\(pid)"
        }
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
