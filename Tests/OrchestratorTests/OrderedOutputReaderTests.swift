import InstallModel
@testable import Orchestrator
import SystemPackage
import Testing

/// `OrderedOutputReader` on real pipes: writes all made before its thread starts, so the kernel merges the
/// notices of consecutive writes to one pipe (as when a loaded machine keeps the reader from running).
@Suite struct OrderedOutputReaderTests {
    @Test func writesNoticedAsOneAreAGuessTheReaderAdmits() async throws {
        #if os(Linux)
        let reader = try OrderedOutputReader()
        let writes: [(OutputChannel, String)] = [(.stdout, "a\n"), (.stdout, "b\n"), (.stderr, "e\n"), (.stdout, "c\n")]
        for (channel, text) in writes {
            _ = try (channel == .stdout ? reader.stdoutWriteEnd : reader.stderrWriteEnd).writeAll(Array(text.utf8))
        }
        try reader.stdoutWriteEnd.close()
        try reader.stderrWriteEnd.close()
        var lines: [String] = []
        for await chunk in reader.chunks() {
            for line in String(decoding: chunk.bytes, as: UTF8.self).split(separator: "\n") {
                lines.append((chunk.channel == .stdout ? "o:" : "e:") + line)
            }
            reader.consumed(chunk)
        }
        // Notices: stdout (a and b), stderr, stdout. Whether b came before e is not known, and the reader says so.
        #expect(lines.sorted() == ["e:e", "o:a", "o:b", "o:c"])
        #expect(reader.orderLost != nil)
        #endif
    }
}
