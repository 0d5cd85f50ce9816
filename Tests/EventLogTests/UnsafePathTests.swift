import Foundation
import Testing
@testable import EventLog

/// Logs and locks are regular files at their real path: symbolic links, FIFOs and directories are
/// refused with `.unsafeFile`, without hanging and without touching what a link points to.
struct UnsafePathTests {
    @Test func writerRefusesALogThatIsASymbolicLink() throws {
        let directory = try TemporaryDirectory()
        let target = directory.file("target.evlog")
        try LogWriter.open(path: target, label: "p", creator: "t", createdAtMicros: 0).close()
        let before = try readFileBytes(target)
        let link = directory.file("link.evlog")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        #expect(throws: EventLogError.self) { try LogWriter.open(path: link, label: "p", creator: "t", createdAtMicros: 0) }
        #expect(try readFileBytes(target) == before)
    }

    @Test func writerRefusesALockThatIsASymbolicLinkAndLeavesItsTargetAlone() throws {
        let directory = try TemporaryDirectory()
        let victim = directory.file("victim.txt")
        try writeFile(victim, Array("precious\n".utf8))
        try FileManager.default.createSymbolicLink(atPath: directory.file("log.evlog.lock"), withDestinationPath: victim)
        do {
            _ = try LogWriter.open(path: directory.file("log.evlog"), label: "p", creator: "t", createdAtMicros: 0)
            Issue.record("a symbolic link as lock file was followed")
        } catch {
            guard case .unsafeFile = error else { Issue.record("unexpected error \(error)"); return }
        }
        #expect(try readFileBytes(victim) == Array("precious\n".utf8))
    }

    /// integrity13 #9: a lock hard-linked to another file is refused, naming it, and the other file is not truncated
    /// (a symbolic link was refused; a hard link was written through). Also for an existing log being continued.
    @Test(arguments: [false, true])
    func writerRefusesALockWithOtherNamesAndLeavesTheOtherFileAlone(logExists: Bool) throws {
        let directory = try TemporaryDirectory()
        let log = directory.file("log.evlog")
        if logExists { try LogWriter.open(path: log, label: "p", creator: "t", createdAtMicros: 0).close() }
        let victim = directory.file("victim.txt")
        try writeFile(victim, Array("precious\n".utf8))
        unlink(log + ".lock")
        #expect(link(victim, log + ".lock") == 0)
        do {
            _ = try LogWriter.open(path: log, label: "p", creator: "t", createdAtMicros: 0)
            Issue.record("a hard-linked lock file was written")
        } catch {
            #expect(error == .lockLinked(lockPath: log + ".lock", names: 2))
            #expect(error.description.contains("rm \(log).lock"))
        }
        #expect(try readFileBytes(victim) == Array("precious\n".utf8))
    }

    @Test func readerRefusesAFIFOWithoutWaitingForAWriter() throws {
        let directory = try TemporaryDirectory()
        let fifo = directory.file("pipe.evlog")
        #expect(mkfifo(fifo, 0o644) == 0)
        do {
            _ = try LogReader(path: fifo)
            Issue.record("a FIFO was read as a log")
        } catch {
            #expect(error.description.contains("FIFO"), "\(error)")
        }
        #expect(throws: EventLogError.self) { try LogVerifier.verify(path: fifo) }
        #expect(throws: EventLogError.self) { try LogWriter.open(path: fifo, label: "p", creator: "t", createdAtMicros: 0) }
    }

    @Test func readerRefusesADirectory() throws {
        let directory = try TemporaryDirectory()
        #expect(throws: EventLogError.self) { try LogReader(path: directory.path) }
    }
}
