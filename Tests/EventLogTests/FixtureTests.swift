import Foundation
import Testing
@testable import EventLog

/// The logs shipped under Fixtures/logs stay readable by every later version (FORMAT.md §6).
struct FixtureTests {
    private static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/logs")

    @Test func shippedVersionOneLogStaysReadable() throws {
        let path = FixtureTests.fixtures.appendingPathComponent("install-small.evlog").path
        let verdict = try LogVerifier.verify(path: path)
        #expect(!verdict.damaged)
        #expect(verdict.records == 120)
        #expect(verdict.blocks >= 8)
        #expect(verdict.totalBytes < 64 << 10)
        let reader = try LogReader(path: path)
        #expect(reader.header == {
            var header = LogHeader(creator: "evlog-log-torture fixture", label: "p-fixture00001", createdAtMicros: 1_767_225_600_000_000)
            header.readVersion = 1
            header.writeVersion = 1
            return header
        }())
        let first = try #require(try reader.next())
        #expect(first.isCheckpoint)
        #expect(String(decoding: first.payload, as: UTF8.self) == #"{"event":"step_started","step":"install-ripgrep"}"#)
        #expect(try reader.seekToLastCheckpoint())
        #expect(try reader.next()?.index == 119)
    }
}
