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

    @Test(arguments: Replacement.allCases)
    func aCopyRenamedOverTheLogOfAWriterInAnotherProcessLetsNoSecondWriterIn(_ replacement: Replacement) throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("log.evlog")
        let helper = try #require(try RunningHelper.holdingLock(of: path))
        let pid = helper.process.processIdentifier
        try replacement.apply(to: path)
        #expect {
            try LogWriter.lock(path: path).release()
        } throws: { error in
            guard case EventLogError.locked(_, _, let holder) = error else { return false }
            return holder == pid
        }
        #expect(throws: EventLogError.self) { try LogWriter.open(path: path, label: "p", creator: "t", createdAtMicros: 0).close() }
        try helper.letGo()
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
