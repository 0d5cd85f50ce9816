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
        let left = [".b.evb.tmp-\(dead)", ".b.evb.tmp-\(dead).lock"]
        let kept = [".b.evb.tmp-1", ".other.evb.tmp-\(dead)"]
        for name in left + kept { FileManager.default.createFile(atPath: directory + "/" + name, contents: Data()) }
        try WholeFile.write(Array("whole\n".utf8), to: directory + "/b.evb")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == (kept + ["b.evb"]).sorted())
    }
}
