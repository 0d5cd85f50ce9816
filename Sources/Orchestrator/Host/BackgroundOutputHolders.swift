#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import PathSafety

/// What the launcher does when its program has ended but processes it left in the background still hold the
/// step's output open (`sh -c 'daemon & exit 0'`): evlog would read on until the step's timeout, then record a
/// timeout for a command that ended (repro22 #10). They get a short grace to finish; those still holding the output
/// after it are stopped, and the step's output says so, once. The program's own ending is what evlog records.
/// Linux only (`/proc`), as the launcher is.
enum BackgroundOutputHolders {
    /// How long processes left holding the output get to end by themselves.
    static let graceMilliseconds = 2_000

    /// Waits for descendants holding this process's stdout or stderr to end, then stops those left and says so on
    /// stderr; returns at once when none holds them.
    static func settle(program: String) {
        // Only the pipes evlog reads (a terminal or /dev/null is held by a detached daemon too, and reads on by itself).
        let outputs = Set([STDOUT_FILENO, STDERR_FILENO].compactMap { LockedPath.linkTarget("/proc/self/fd/\($0)") }.filter { $0.hasPrefix("pipe:[") || $0.hasPrefix("socket:[") })
        guard !outputs.isEmpty else { return }
        var left = holders(of: outputs)
        var waited = 0
        while !left.isEmpty, waited < graceMilliseconds {
            usleep(50_000)
            waited += 50
            ProcessTreeReaper.reapFinished()
            left = holders(of: outputs)
        }
        guard !left.isEmpty else { return }
        let pids = left.sorted().map(String.init).joined(separator: ", ")
        let name = (program as NSString).lastPathComponent
        let line = "evlog: \(name) ended; what it left running in the background (process \(pids)) still held its output after "
            + "\(graceMilliseconds / 1000) s and was stopped: a step's processes end with it (start a service with its service "
            + "manager, or detach it from the output: `nohup … >/dev/null 2>&1 &`)\n"
        _ = Array(line.utf8).withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
        for pid in left { _ = kill(pid, SIGTERM) }
        for _ in 0..<(ProcessTreeReaper.termGraceMilliseconds / 20) {
            usleep(20_000)
            ProcessTreeReaper.reapFinished()
            left = holders(of: outputs)
            if left.isEmpty { return }
        }
        for pid in left { _ = kill(pid, SIGKILL) }
        ProcessTreeReaper.reapFinished()
    }

    /// Descendants with a descriptor open on one of `outputs` (`pipe:[N]` as /proc shows the link).
    private static func holders(of outputs: Set<String>) -> [pid_t] {
        ProcessTreeReaper.descendants(of: getpid()).filter { pid in
            let directory = "/proc/\(pid)/fd"
            guard let descriptors = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return false }
            return descriptors.contains { LockedPath.linkTarget(directory + "/" + $0).map(outputs.contains) ?? false }
        }
    }
}
