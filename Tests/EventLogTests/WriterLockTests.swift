import Foundation
import Testing
@testable import EventLog
import SystemPackage

/// One writer per log: a second one, in this process or another, is refused with the holder's pid.
struct WriterLockTests {
    @Test func secondWriterInTheSameProcessIsRefusedNamingThePid() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("log.evlog")
        let first = try LogWriter.open(path: path, label: "p", creator: "t", createdAtMicros: 0)
        #expect(LogWriter.isLocked(path: path) == getpid())
        #expect {
            _ = try LogWriter.open(path: path, label: "p", creator: "t", createdAtMicros: 0)
        } throws: { error in
            guard case EventLogError.locked(_, _, let holder) = error else { return false }
            return holder == getpid() && "\(error)".contains("process \(getpid())")
        }
        try first.close()
        #expect(LogWriter.isLocked(path: path) == nil)
        let second = try LogWriter.open(path: path, label: "p", creator: "t", createdAtMicros: 0)
        try second.close()
    }

    @Test func writerInAnotherProcessIsRefusedNamingItsPid() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("log.evlog")
        let helper = try TortureHelper.start(["hold", path, "--seconds", "30"])
        helper.watchdog(seconds: 40)
        let line = try #require(helper.nextLine())
        let pid = helper.process.processIdentifier
        #expect(line == "locked \(pid)")
        #expect(LogWriter.isLocked(path: path) == pid)
        #expect {
            _ = try LogWriter.open(path: path, label: "p", creator: "t", createdAtMicros: 0)
        } throws: { error in
            "\(error)".contains("process \(pid)")
        }
        try helper.input.fileHandleForWriting.close()
        helper.process.waitUntilExit()
        #expect(helper.process.terminationStatus == 0)
        #expect(LogWriter.isLocked(path: path) == nil)
        let writer = try LogWriter.open(path: path, label: "p", creator: "t", createdAtMicros: 0)
        try writer.close()
    }

    @Test func helperIsRefusedWhileThisProcessWrites() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("log.evlog")
        let writer = try LogWriter.open(path: path, label: "p", creator: "t", createdAtMicros: 0)
        let helper = try TortureHelper.start(["write", path, "--records", "10"])
        helper.watchdog(seconds: 30)
        helper.process.waitUntilExit()
        #expect(helper.process.terminationStatus == 2)
        #expect(helper.standardError().contains("process \(getpid())"))
        try writer.close()
    }

    /// The lock is on the log itself (F17): removing its sidecar while another process writes lets no second writer in.
    @Test func removingTheLockFileOfALiveWriterLetsNoSecondWriterIn() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("log.evlog")
        let helper = try #require(try RunningHelper.holdingLock(of: path))
        try FileManager.default.removeItem(atPath: LogWriter.lockFilePath(for: path))
        #expect(LogWriter.isLocked(path: path) != nil)
        #expect(throws: EventLogError.self) { try LogWriter.lock(path: path) }
        #expect(throws: EventLogError.self) { try LogWriter.open(path: path, label: "p", creator: "t", createdAtMicros: 0) }
        try helper.letGo()
        #expect(helper.process.terminationStatus == 0)
        try LogWriter.lock(path: path).release()
    }

    /// A sidecar hard-linked from another log's live writer (F12) makes no writer of this log, and a sidecar
    /// naming another file names no pid.
    @Test func aLockFileLinkedFromAnotherLiveLogNamesNoWriterOfThisOne() throws {
        let directory = try TemporaryDirectory()
        let live = directory.file("live.evlog")
        let other = directory.file("other.evlog")
        try LogWriter.open(path: other, label: "p", creator: "t", createdAtMicros: 0).close()
        let writer = try LogWriter.open(path: live, label: "p", creator: "t", createdAtMicros: 0)
        try FileManager.default.removeItem(atPath: LogWriter.lockFilePath(for: other))
        try FileManager.default.linkItem(atPath: LogWriter.lockFilePath(for: live), toPath: LogWriter.lockFilePath(for: other))
        #expect(LogWriter.isLocked(path: live) == getpid())
        #expect(LogWriter.isLocked(path: other) == nil)
        let held = open(other, O_RDONLY | O_CLOEXEC)
        defer { close(held) }
        #expect(flock(held, LOCK_EX) == 0)
        #expect(LogWriter.isLocked(path: other) == 0, "held, and the sidecar names another file")
        try writer.close()
    }
}

/// A file system that has no locks (NFS without its lock daemon, some FUSE ones: `flock` fails with ENOLCK or
/// ENOTSUP) is named as such, not as a path, permission or disk-space problem (integrity18 #8).
struct NoLocksMessageTests {
    @Test func aFileSystemWithoutLocksIsSaidToBeOne() {
        for code in [Errno.noLocks, .notSupported] {
            let text = EventLogError.io(path: "/mnt/nfs/h/plans/p.evlog", operation: "flock", errno: code).description
            #expect(text.contains("does not support locks") && !text.contains("free disk space"), "\(text)")
        }
        let other = EventLogError.io(path: "/h/plans/p.evlog", operation: "flock", errno: .permissionDenied).description
        #expect(other.contains("permissions") && !other.contains("does not support locks"), "\(other)")
        let write = EventLogError.io(path: "/h/plans/p.evlog", operation: "write", errno: .noLocks).description
        #expect(!write.contains("does not support locks"), "\(write)")
    }
}
