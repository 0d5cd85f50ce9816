import Foundation
import Testing

/// Random bytes and random mutations of a valid log never crash the reader, verifier or recovery,
/// and never produce a record the writer did not write (Tools/LogTorture/LogFuzzer.swift; the long
/// run is `evlog-log-torture fuzz --cases 100000`).
struct FuzzTests {
    @Test func readerSurvivesThousandsOfRandomAndMutatedLogs() throws {
        let helper = try TortureHelper.start(["fuzz", "--cases", "3000", "--seed", "20260101"])
        helper.watchdog(seconds: 120)
        var lines: [String] = []
        while let line = helper.nextLine() { lines.append(line) }
        helper.process.waitUntilExit()
        #expect(helper.process.terminationStatus == 0, "\(lines.joined(separator: "\n"))")
        #expect(lines.last == "3000 passed, 0 failed (seed 20260101)")
    }
}
