import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Holds `/tmp/evlog-real.lock` while a test that changes this machine's packages runs, so tests, acceptance checks
/// and `Tools/catalog-sweep` (which take the same lock, the checks through `flock(1)`) never install or remove
/// packages at the same time. On a suite it applies to each of its tests, one at a time, so others interleave.
///
/// When a process this test run descends from already holds the lock (`flock /tmp/evlog-real.lock swift test`,
/// or an acceptance check run under it), the tests run inside that hold instead of waiting for it forever.
struct RealInstallLock: TestTrait, SuiteTrait, TestScoping {
    static let path = "/tmp/evlog-real.lock"

    var isRecursive: Bool { true }

    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        if test.isSuite || Self.heldByAnAncestor() {
            try await function()
            return
        }
        let descriptor = open(Self.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            Issue.record("cannot open \(Self.path): \(String(cString: strerror(errno)))")
            return
        }
        defer { close(descriptor) }
        // flock blocks the thread: wait on one of GCD's, not the concurrency pool's few.
        let locked = await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: flock(descriptor, LOCK_EX) == 0) }
        }
        guard locked else {
            Issue.record("cannot lock \(Self.path): \(String(cString: strerror(errno)))")
            return
        }
        try await function()
    }

    /// Whether the kernel's lock table (`/proc/locks`) shows the lock file held by this process's parent or one
    /// of its ancestors.
    static func heldByAnAncestor() -> Bool {
        var status = stat()
        guard stat(path, &status) == 0, let table = try? String(contentsOfFile: "/proc/locks", encoding: .utf8) else { return false }
        let holders = Set(holdingProcesses(of: UInt64(status.st_ino), in: table))
        var pid = getppid()
        while pid > 1 {
            if holders.contains(pid) { return true }
            pid = parent(of: pid) ?? 1
        }
        return false
    }

    /// The processes `/proc/locks` lists as holding a flock on the file with inode `inode` (`2: FLOCK ADVISORY
    /// WRITE 3863 fe:00:16221203 0 EOF`); waiters (`->` lines) are not holders.
    static func holdingProcesses(of inode: UInt64, in table: String) -> [Int32] {
        table.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ")
            guard fields.count >= 6, fields[1] == "FLOCK", let pid = Int32(fields[4]),
                fields[5].split(separator: ":").last.flatMap({ UInt64($0) }) == inode
            else { return nil }
            return pid
        }
    }

    /// The parent of `pid`, from `/proc/PID/stat` (the field after the state, past the command's closing paren).
    private static func parent(of pid: Int32) -> Int32? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = stat.lastIndex(of: ")") else { return nil }
        return stat[stat.index(after: close)...].split(separator: " ").dropFirst().first.flatMap { Int32($0) }
    }
}

extension Trait where Self == RealInstallLock {
    /// Holds `/tmp/evlog-real.lock` for each test (see `RealInstallLock`).
    static var holdsRealInstallLock: Self { RealInstallLock() }
}
