import Foundation
import Testing

/// Times come from the log, which is input: every time, duration and speed computation saturates
/// (FORMAT.md §7.7). A log whose times sit at the ends of Int64 reads like any other on every command.
@Suite(.serialized) struct HostileTimeTests {
    /// Event times as a function of the event's index and the count of events.
    static let patterns: [(name: String, time: @Sendable (Int, Int) -> Int64)] = [
        ("all at Int64.min", { _, _ in .min }),
        ("all at Int64.max", { _, _ in .max }),
        ("from min to max", { index, count in index == 0 ? .min : index == count - 1 ? .max : 0 }),
        ("alternating ends", { index, _ in index % 2 == 0 ? .min + 1 : .max - 1 }),
        ("from max down to min", { index, count in index < count / 2 ? .max : .min }),
    ]

    /// A real run's export with its times (and every duration) replaced, imported into `home`.
    static func importedPlan(in home: EvlogHome, times: (Int, Int) -> Int64, durations: Int64) async throws -> String {
        let source = try EvlogHome.make()
        defer { source.remove() }
        let ran = try await Evlog.run(["run", "--home", source.path, "--no-color", "--", "sh", "-c", "echo one; echo two >&2; exit 3"])
        #expect(ran.exitCode == 3, "\(ran.allOutput)")
        let plan = try #require(source.onlyPlan())
        let events = try await source.export(plan).events.filter { $0.type != "checkpoint" }
        let lines = try events.enumerated().map { index, event in
            var fields = event.fields
            fields["time"] = NSNumber(value: times(index, events.count))
            if fields["duration_us"] != nil { fields["duration_us"] = NSNumber(value: durations) }
            return String(decoding: try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]), as: UTF8.self)
        }
        let file = home.path + "/extreme.jsonl"
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: file))
        let imported = try await Evlog.run(["import", file, "--home", home.path])
        try #require(imported.exitCode == 0, "import: \(imported.allOutput)")
        return plan
    }

    static let readers: [[String]] = [
        ["status"], ["status", "--json"], ["list"], ["list", "--json"], ["what-ran"], ["what-ran", "--json"], ["what-failed"], ["critical-path"],
        ["critical-path", "--json"], ["export", "--html"], ["export", "--trace"], ["export", "--asciicast"], ["export", "--jsonl"],
        ["replay", "--instant"], ["replay", "--speed", "1e300"], ["replay", "--at", "1"], ["diagnose"],
        ["verify"], ["cat"],
    ]

    @Test(arguments: 0..<patterns.count)
    func extremeTimesNeverCrashAReader(pattern: Int) async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        for durations: Int64 in [.min, .max] {
            let plan = try await Self.importedPlan(in: home, times: Self.patterns[pattern].time, durations: durations)
            for reader in Self.readers {
                let argv = reader[0] == "list" ? reader : [reader[0], plan] + reader.dropFirst()
                let outcome = try await Evlog.run(argv + ["--home", home.path, "--no-color"], timeoutSeconds: 30)
                let what = "\(argv.joined(separator: " ")) with \(Self.patterns[pattern].name), durations \(durations)"
                #expect(!outcome.timedOut, "\(what) hung")
                #expect(outcome.signal == nil && outcome.exitCode < 128, "\(what) crashed: \(outcome.allOutput.suffix(600))")
                #expect(!outcome.allOutput.contains("Fatal error"), "\(what): \(outcome.allOutput.suffix(600))")
            }
            TemporaryDirectory.remove(home.path + "/plans")
        }
    }
}
