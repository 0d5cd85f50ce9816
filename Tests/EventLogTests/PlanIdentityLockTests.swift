import Foundation
import Testing
@testable import EventLog

/// One writer per log by its name, not its inode: a copy renamed over a log being written (`cp -p P P.x; mv P.x P`)
/// is a new, unlocked inode, yet no second writer gets in, and the first stops at its next durable point; a log with
/// other names (hard links) is never appended to.
struct PlanIdentityLockTests {
    /// The ways a file lands over a log's name while its writer runs: a copy renamed over it, a hard link of a copy.
    enum Replacement: CaseIterable {
        case copyRenamedOver, linkOfCopyRenamedOver

        func apply(to path: String) throws {
            let copy = path + ".x"
            try FileManager.default.copyItem(atPath: path, toPath: copy)
            switch self {
            case .copyRenamedOver:
                #expect(rename(copy, path) == 0)
            case .linkOfCopyRenamedOver:
                try FileManager.default.linkItem(atPath: copy, toPath: path + ".y")
                #expect(rename(path + ".y", path) == 0)
                try FileManager.default.removeItem(atPath: copy)
            }
        }
    }

    /// What becomes of the sidecar meanwhile: left alone, removed (a cleanup of "stale" `.lock` files), or copied
    /// over itself like the log (a restore by rsync), so that neither file a second writer finds is locked.
    enum SidecarFate: CaseIterable {
        case kept, removed, copiedOverItself

        func apply(toSidecarOf path: String) throws {
            let sidecar = LogWriter.lockFilePath(for: path)
            switch self {
            case .kept:
                break
            case .removed:
                try FileManager.default.removeItem(atPath: sidecar)
            case .copiedOverItself:
                try FileManager.default.copyItem(atPath: sidecar, toPath: sidecar + ".x")
                #expect(rename(sidecar + ".x", sidecar) == 0)
            }
        }
    }

    /// integrity18 #9: however the log and its sidecar are replaced or removed, the writer still running keeps
    /// the second one out, named by its pid (its claim on the log's place, `WriterPresence`).
    @Test(arguments: Replacement.allCases, SidecarFate.allCases)
    func aCopyRenamedOverTheLogOfAWriterInAnotherProcessLetsNoSecondWriterIn(_ replacement: Replacement, sidecar: SidecarFate) throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("log.evlog")
        let helper = try #require(try RunningHelper.holdingLock(of: path))
        let pid = helper.process.processIdentifier
        try replacement.apply(to: path)
        try sidecar.apply(toSidecarOf: path)
        #if os(Linux)
        #expect(LogWriter.placeHolder(path: path) == pid)
        #expect(try ReaderHold.take(logAt: path) == nil, "`bundle` holds no running plan's log")
        #endif
        #expect {
            try LogWriter.lock(path: path).release()
        } throws: { error in
            guard case EventLogError.locked(_, _, let holder) = error else { return false }
            return holder == pid
        }
        #expect(throws: EventLogError.self) { try LogWriter.open(path: path, label: "p", creator: "t", createdAtMicros: 0).close() }
        try helper.letGo()
        #expect(LogWriter.placeHolder(path: path) == nil, "the claim ends with its writer")
        try LogWriter.lock(path: path).release()
    }

    @Test(arguments: Replacement.allCases, [1, 7])
    func aWriterWhoseLogWasReplacedStopsAtItsNextSync(_ replacement: Replacement, records: Int) throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("log.evlog")
        let writer = try LogWriter.open(path: path, label: "p", creator: "t", createdAtMicros: 0)
        for index in 0..<records { try writer.append(textPayload(index: index, bytes: 40)) }
        try writer.sync()
        try replacement.apply(to: path)
        try writer.append(textPayload(index: records, bytes: 40))
        #expect(throws: EventLogError.replaced(path: path)) { try writer.sync() }
        #expect(throws: EventLogError.self) { try writer.append(textPayload(index: records + 1, bytes: 40)) }
        #expect(try readAll(path)?.records.count == records, "the file now at the path is the copy, untouched")
    }

    @Test(arguments: [2, 3])
    func aLogWithOtherNamesIsNeverAppendedTo(names: Int) throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("log.evlog")
        let writer = try LogWriter.open(path: path, label: "p", creator: "t", createdAtMicros: 0)
        try writer.append(textPayload(index: 0, bytes: 40))
        try writer.close()
        for name in 1..<names { try FileManager.default.linkItem(atPath: path, toPath: directory.file("bundle-\(name).evb")) }
        let before = try readFileBytes(path)
        #expect(throws: EventLogError.otherNames(path: path, names: UInt64(names))) { try LogWriter.lock(path: path).release() }
        #expect(throws: EventLogError.otherNames(path: path, names: UInt64(names))) {
            try LogWriter.open(path: path, label: "p", creator: "t", createdAtMicros: 0).close()
        }
        #expect(try readFileBytes(path) == before)
        #expect("\(EventLogError.otherNames(path: path, names: UInt64(names)))".contains("hard links"))
    }
}
