import Foundation
import Testing
@testable import EventLog

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
}
