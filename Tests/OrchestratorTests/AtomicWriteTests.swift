import Foundation
import Orchestrator
import Testing

/// `writeAtomically` in a directory others can write (a shared config directory): it writes through
/// `WholeFile.write` (whose temporary names `WholeFileTests` attacks), so a link planted at the name it took before,
/// `<path>.evlog-tmp-<pid>` (integrity12), is not written through, and the file keeps the mode it had.
@Suite struct AtomicWriteTests {
    @Test func aLinkAtTheOldTemporaryNameIsNotWrittenThroughAndTheModeIsKept() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("evlog-atomic-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let victim = directory + "/victim"
        try Data("precious\n".utf8).write(to: URL(fileURLWithPath: victim))
        let path = directory + "/rc"
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
        let planted = "rc.evlog-tmp-\(ProcessInfo.processInfo.processIdentifier)"
        try FileManager.default.createSymbolicLink(atPath: directory + "/" + planted, withDestinationPath: victim)

        try LocalFileSystem().writeAtomically(path, contents: Array("new\n".utf8), mode: nil)

        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new\n")
        #expect((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue == 0o640)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == [planted, "rc", "victim"].sorted())
    }
}
