import Foundation
import Testing

/// End-to-end: the built `evlog` binary on the rendering fixture logs.
struct ReadSideCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let logs = root.appendingPathComponent("Fixtures/logs/rendering")

    struct Result {
        var status: Int32
        var stdout: Data
        var stderr: String
        var text: String { String(decoding: stdout, as: UTF8.self) }
    }

    static func evlog(_ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = root.appendingPathComponent(".build/debug/evlog")
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: stdout, stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func temporaryHome() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("evlog-readside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test(arguments: ["done", "failed", "resumed", "parallel"])
    func exportImportExportGivesIdenticalJSONL(_ name: String) throws {
        let home = try Self.temporaryHome()
        defer { try? FileManager.default.removeItem(at: home) }
        let first = try Self.evlog(["export", Self.logs.appendingPathComponent(name + ".evlog").path, "--jsonl"])
        #expect(first.status == 0)
        let file = home.appendingPathComponent("run.jsonl")
        try first.stdout.write(to: file)
        let imported = try Self.evlog(["import", file.path, "--home", home.path])
        #expect(imported.status == 0, "\(imported.stderr)")
        let planID = try #require(first.text.split(separator: "\n").first.flatMap { line in
            try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        }.flatMap { ($0["plan"] as? [String: Any])?["id"] as? String })
        let second = try Self.evlog(["export", planID, "--jsonl", "--home", home.path])
        #expect(second.status == 0)
        #expect(second.stdout == first.stdout)
        let again = try Self.evlog(["import", file.path, "--home", home.path])
        #expect(again.status == 2)
        #expect(again.stderr.contains("already exists"))
    }

    @Test func exportNeedsExactlyOneFormat() throws {
        let log = Self.logs.appendingPathComponent("done.evlog").path
        #expect(try Self.evlog(["export", log]).status == 2)
        #expect(try Self.evlog(["export", log, "--trace", "--html"]).status == 2)
        let trace = try Self.evlog(["export", log, "--trace"])
        #expect(trace.status == 0)
        #expect((try JSONSerialization.jsonObject(with: trace.stdout) as? [String: Any])?["traceEvents"] != nil)
        let html = try Self.evlog(["export", log, "--html"])
        #expect(html.status == 0)
        #expect(html.text.hasPrefix("<!DOCTYPE html>"))
    }

    @Test func readSideCommandsExitCodes() throws {
        let failed = Self.logs.appendingPathComponent("failed.evlog").path
        let done = Self.logs.appendingPathComponent("done.evlog").path
        #expect(try Self.evlog(["what-failed", failed]).status == 1)
        #expect(try Self.evlog(["what-failed", done]).status == 0)
        for command in ["what-ran", "critical-path", "what-up"] {
            let result = try Self.evlog([command, failed, "--json"])
            #expect(result.status == 0, "\(command): \(result.stderr)")
            #expect(!result.text.isEmpty)
        }
        #expect(try Self.evlog(["what-ran", "p-nope", "--home", "/nonexistent"]).status == 2)
    }

    @Test func replayAtTheLastEventEqualsStatus() throws {
        let log = Self.logs.appendingPathComponent("parallel.evlog").path
        let status = try Self.evlog(["status", log, "--json"])
        let events = try Self.evlog(["export", log, "--jsonl"]).text.split(separator: "\n")
        let last = try #require(events.last.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] })
        let sequence = try #require(last["seq"] as? Int)
        let replay = try Self.evlog(["replay", log, "--at", String(sequence), "--json"])
        #expect(replay.status == 0)
        #expect(replay.stdout == status.stdout)
    }
}
