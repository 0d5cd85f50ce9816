import Foundation
import Testing

/// `evlog import` of a line that is not an event says so in one line naming the file and line, never
/// a Foundation decoding dump.
@Suite("import bad lines")
struct ImportBadLineTests {
    static let badLines = [
        "not json", "{", "[1,2]", "\"text\"", "{\"seq\":1}", "{\"seq\":\"one\",\"time\":1,\"type\":\"plan_started\",\"v\":1}",
        "{\"seq\":1,\"time\":1,\"type\":\"plan_created\",\"v\":1}", "\u{1B}]0;PWN\u{07}",
    ]

    @Test(arguments: badLines.indices)
    func aLineThatIsNotAnEventIsOneLine(index: Int) async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        let file = home.path + "/bad.jsonl"
        try Data((Self.badLines[index] + "\n").utf8).write(to: URL(fileURLWithPath: file))
        let outcome = try await Evlog.run(["import", file, "--home", home.path, "--no-color"])
        #expect(outcome.exitCode == 2 && ChildOutcome.lines(outcome.stderr).count == 1, "\(outcome.allOutput)")
        #expect(outcome.stderr.contains("bad.jsonl:1: not a JSON event ("), "\(outcome.stderr)")
        #expect(!outcome.stderr.contains("DecodingError") && !outcome.stderr.contains("\u{1B}"), "\(outcome.stderr)")
    }
}
