import Foundation
import Testing
@testable import EventLog

/// Whole or absent: a writer killed mid-way leaves a temporary file; the next write of that file removes it.
@Suite struct WholeFileTests {
    @Test func aWriteRemovesTheTemporaryFilesOfDeadWritersOnly() throws {
        let directory = NSTemporaryDirectory() + "evlog-wholefile-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        let dead = finished.processIdentifier
        // Named as evlog names them now (with a random part) and before (the pid alone); another shape is kept.
        let left = [".b.evb.tmp-\(dead)", ".b.evb.tmp-\(dead).lock", ".b.evb.tmp-\(dead)-00112233445566ff", ".b.evb.tmp-\(dead)-00112233445566ff.lock"]
        let kept = [".b.evb.tmp-1", ".other.evb.tmp-\(dead)", ".b.evb.tmp-\(dead)-short", ".b.evb.tmp-\(dead)-00112233445566fg"]
        for name in left + kept { #expect(FileManager.default.createFile(atPath: directory + "/" + name, contents: Data())) }
        try WholeFile.write(Array("whole\n".utf8), to: directory + "/b.evb")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == (kept + ["b.evb"]).sorted())
    }
}

/// The temporary name cannot be guessed, and a link planted at names of its shape is never written through.
@Suite struct WholeFileTemporaryNameTests {
    @Test func temporaryNamesAreNotThePidAlone() {
        let names = (0..<64).map { _ in WholeFile.temporaryPath(for: "/d/b.evb") }
        #expect(Set(names).count == names.count)
        #expect(names.allSatisfy { $0.hasPrefix("/d/.b.evb.tmp-\(getpid())-") && $0.count == "/d/.b.evb.tmp-\(getpid())-".count + 16 })
    }

    /// Generated names of the temporary's shape (and the old pid-only one), each a link to a victim: the write goes
    /// to a name of its own, the victim is untouched, the links stay (they are no temporary of a dead writer).
    @Test(arguments: [UInt64(1), 2, 3])
    func aPlantedLinkIsNeverWrittenThrough(seed: UInt64) throws {
        let directory = try TemporaryDirectory()
        var random = TestRandom(seed: seed)
        let victim = directory.file("victim")
        #expect(FileManager.default.createFile(atPath: victim, contents: Data("precious\n".utf8)))
        var planted = [".f.tmp-\(getpid())"]
        for _ in 0..<16 { planted.append(".f.tmp-\(getpid())-" + String(format: "%016llx", random.next())) }
        for name in planted { try FileManager.default.createSymbolicLink(atPath: directory.file(name), withDestinationPath: victim) }
        let bytes = random.bytes(Int(random.next() % 5000))

        try WholeFile.write(bytes, to: directory.file("f"), mode: 0o600)

        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious\n")
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: directory.file("f")))) == bytes)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == (planted + ["f", "victim"]).sorted())
    }
}

/// review15 R11: files written to go together are all renamed, then their directory fsynced; a rename that fails after
/// the first names the files that took their new contents (the pair on disk may not match), never only the rename.
@Suite struct WholeFilePairTests {
    @Test func aRenameFailingAfterTheFirstSaysWhichFilesWereReplaced() throws {
        let directory = NSTemporaryDirectory() + "evlog-wholepair-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory + "/b", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try WholeFile.write(Array("old a\n".utf8), to: directory + "/a")
        // `b` is a directory: a file cannot be renamed over it (EISDIR), as a rename fails on a read-only remount.
        let files: [(bytes: [UInt8], path: String, mode: mode_t)] = [
            (Array("new a\n".utf8), directory + "/a", 0o644), (Array("new b\n".utf8), directory + "/b", 0o644),
        ]
        #expect(throws: EventLogError.partlyReplaced(
            replaced: [directory + "/a"], cause: .io(path: directory + "/b", operation: "rename", errno: .isDirectory))) {
            try WholeFile.write(all: files)
        }
        #expect(try String(contentsOfFile: directory + "/a", encoding: .utf8) == "new a\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["a", "b"], "no temporary file is left")
        let said = EventLogError.partlyReplaced(replaced: [directory + "/a"], cause: .io(path: directory + "/b", operation: "rename", errno: .isDirectory))
        #expect(said.description.contains("\(directory)/a took its new contents, then rename failed on \(directory)/b"), "\(said)")
    }

    @Test func aFirstRenameThatFailsChangesNothing() throws {
        let directory = NSTemporaryDirectory() + "evlog-wholepair-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory + "/a", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(throws: EventLogError.io(path: directory + "/a", operation: "rename", errno: .isDirectory)) {
            try WholeFile.write(all: [(Array("a".utf8), directory + "/a", 0o644), (Array("b".utf8), directory + "/b", 0o644)])
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["a"])
    }
}
