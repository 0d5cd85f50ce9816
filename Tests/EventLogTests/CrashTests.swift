import Foundation
import Testing
@testable import EventLog

/// SIGKILL at any moment loses nothing that a `sync()` had covered.
struct CrashTests {
    /// Same rule as Tools/LogTorture/TorturePayload.swift.
    private func torturePayload(_ index: UInt64) -> [UInt8] {
        let letter = UInt8(ascii: "a") + UInt8(index % 26)
        return Array("record \(index) ".utf8) + [UInt8](repeating: letter, count: Int(index % 997))
    }

    @Test(arguments: [7, 100])
    func sigkilledWriterKeepsEverySyncedRecord(syncEvery: Int) throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("crash.evlog")
        let helper = try TortureHelper.start(["write", path, "--sync-every", "\(syncEvery)"])
        helper.watchdog(seconds: 60)
        var synced: UInt64 = 0
        var syncsSeen = 0
        while syncsSeen < 40, let line = helper.nextLine() {
            if line.hasPrefix("synced "), let count = UInt64(line.dropFirst(7)) {
                synced = count
                syncsSeen += 1
            }
        }
        kill(helper.process.processIdentifier, SIGKILL)
        helper.process.waitUntilExit()
        #expect(helper.process.terminationReason == .uncaughtSignal)
        #expect(syncsSeen == 40)

        let read = try #require(try readAll(path))
        #expect(read.records.count >= synced, "synced \(synced), found \(read.records.count)")
        for record in read.records where record.payload != torturePayload(record.index) {
            Issue.record("record \(record.index) is not what the writer wrote")
        }
        let writer = try LogWriter.open(path: path, label: "torture", creator: "t", createdAtMicros: 0)
        #expect(writer.recordCount == UInt64(read.records.count))
        try writer.append(torturePayload(writer.recordCount))
        try writer.close()
        let verdict = try LogVerifier.verify(path: path)
        #expect(!verdict.damaged && verdict.records == UInt64(read.records.count + 1))
    }
}
