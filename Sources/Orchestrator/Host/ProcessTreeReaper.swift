#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Ends every process descended from this one (Linux `/proc`), including those that left its process
/// group (`setsid`, `sudo` with a pty): the launcher's last act when evlog died under it.
enum ProcessTreeReaper {
    /// How long descendants get after SIGTERM (which `sudo` relays to its command) before SIGKILL.
    static let termGraceMilliseconds = 500
    /// Rounds of SIGKILL: a process forked between listing and killing is found in the next round.
    static let killRoundsMax = 50

    /// SIGTERM to every descendant, a short grace, then SIGKILL until none is left (bounded rounds).
    static func endDescendants() {
        let me = getpid()
        for pid in descendants(of: me) { _ = kill(pid, SIGTERM) }
        for _ in 0..<(termGraceMilliseconds / 20) {
            reapFinished()
            if descendants(of: me).isEmpty { return }
            usleep(20_000)
        }
        for _ in 0..<killRoundsMax {
            reapFinished()
            let left = descendants(of: me)
            if left.isEmpty { return }
            for pid in left { _ = kill(pid, SIGKILL) }
            usleep(20_000)
        }
    }

    /// Collects exited children (as a subreaper, orphaned descendants become children too).
    static func reapFinished() {
        var status: Int32 = 0
        while waitpid(-1, &status, WNOHANG) > 0 {}
    }

    /// Live (not zombie) processes whose chain of parents leads to `root`.
    static func descendants(of root: pid_t) -> [pid_t] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        var parent: [pid_t: pid_t] = [:]
        for entry in entries {
            guard let pid = pid_t(entry), let fields = ProcessTable.stat(of: pid), fields.state != "Z",
                  let ppid = fields.parent
            else { continue }
            parent[pid] = ppid
        }
        return parent.keys.filter { pid in
            var current = pid
            for _ in 0..<parent.count {
                guard let up = parent[current] else { return false }
                if up == root { return true }
                current = up
            }
            return false
        }
    }
}
