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

/// An output chunk larger than evlog ever records is refused at the import boundary, naming the line: no log
/// evlog wrote holds one, and the reproduction read it as a step that never ended (reproduce7 finding 8).
struct ImportOversizedChunkTests {
    @Test(arguments: [65_537, 70_000, 200_000])
    func anOutputChunkOverTheRecordedMaximumIsRefused(size: Int) async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        _ = try await Evlog.run(["run", "--home", home.path, "--", "sh", "-c", "echo out; exit 3"])
        let exported = try await Evlog.run(["export", "--jsonl", "--home", home.path, "latest"])
        var lines = exported.stdout.split(separator: "\n").map(String.init)
        let index = try #require(lines.firstIndex { $0.contains("\"output_chunk\"") })
        var event = try #require(try JSONSerialization.jsonObject(with: Data(lines[index].utf8)) as? [String: Any])
        event["text"] = String(repeating: "x", count: size - 1) + "\n"
        lines[index] = String(decoding: try JSONSerialization.data(withJSONObject: event), as: UTF8.self)
        let file = home.path + "/big.jsonl"
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: file))
        let refused = try await Evlog.run(["import", file, "--home", home.path + "/other"])
        #expect(refused.exitCode == 2 && refused.stderr.contains("big.jsonl:\(index + 1): an output chunk of \(size) bytes"), "\(refused.allOutput)")
    }
}
