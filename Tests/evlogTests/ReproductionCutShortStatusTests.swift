import EventLog
import Foundation
import InstallModel
import Testing

/// Reproductions an older evlog cut short (it wrote the log under its name as it went, and was killed): their plan never
/// ended, and `status` and `list` said "interrupted … where the original's process stopped", of an original that ran
/// to its end. They say "cut short" now, with no resume hint and no pause; a whole reproduction of a plan that itself
/// ended open still says where the original stopped.
@Suite struct ReproductionCutShortStatusTests {
    /// Every cut of a whole reproduction's log before its plan ends, as an older evlog killed there left it.
    @Test func aReproductionCutShortByAnOlderEvlogSaysSo() async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        #expect(try await Evlog.run(["install", "--simulate", "--yes", "--home", home.path, "jq", "ripgrep"]).exitCode == 0)
        let plan = try #require(home.onlyPlan())
        let reproduced = try await Evlog.run(["reproduce", plan, "--home", home.path])
        #expect(reproduced.exitCode == 0, "\(reproduced.allOutput)")
        let whole = String(try #require(reproduced.stdoutLines.first { $0.hasPrefix("log: ") }).dropFirst("log: ".count))
        let records = try Self.records(of: whole)
        #expect(records.count > 4)
        let olderCreator = try LogReader(path: whole).header.creator.replacingOccurrences(of: " reproduction", with: "")
        // Cuts from after plan_created to just before the plan's end, a spread of a dozen.
        let end = try #require(records.firstIndex { record in
            switch (try? EventPayload.decode(record.payload))?.body {
            case .planDone?, .planFailed?, .planCancelled?: true
            default: false
            }
        })
        for kept in Set(stride(from: 1, through: end, by: max(1, end / 12))).union([end]).sorted() {
            let id = "p-c\(String(format: "%011d", kept))"
            let cut = home.path + "/reproductions/\(id).evlog"
            let writer = try LogWriter.open(path: cut, label: id, creator: olderCreator, createdAtMicros: 0)
            for record in records.prefix(kept) { try writer.append(record.payload, checkpoint: record.isCheckpoint) }
            try writer.close()
            let status = try await Evlog.run(["status", cut, "--home", home.path, "--no-color"])
            #expect(status.stdout.contains("reproduction, cut short"), "cut after \(kept): \(status.allOutput)")
            #expect(!status.stdout.contains("interrupted") && !status.stdout.contains("evlog resume") && !status.stdout.contains("paused:"),
                    "cut after \(kept): \(status.allOutput)")
            let json = try await Evlog.run(["status", cut, "--home", home.path, "--json"])
            #expect(json.stdout.contains("\"status\":\"cut short\""), "cut after \(kept): \(json.allOutput)")
            try FileManager.default.removeItem(atPath: cut)
        }
        let cut = home.path + "/reproductions/p-c00000000002.evlog"
        let writer = try LogWriter.open(path: cut, label: "p-c00000000002", creator: olderCreator, createdAtMicros: 0)
        for record in records.prefix(2) { try writer.append(record.payload, checkpoint: record.isCheckpoint) }
        try writer.close()
        let listed = try await Evlog.run(["list", "--all", "--home", home.path, "--no-color"])
        let row = try #require(listed.stdoutLines.first { $0.hasPrefix("p-c00000000002") }, "\(listed.allOutput)")
        #expect(row.contains("cut short") && !row.contains("interrupted") && !row.contains("running"), "\(row)")
        // The whole reproduction, kept by this evlog, is not cut short.
        let wholeRow = try #require(listed.stdoutLines.first { $0.hasPrefix(URL(fileURLWithPath: whole).deletingPathExtension().lastPathComponent) })
        #expect(wholeRow.contains("done"), "\(wholeRow)")
    }

    /// A whole reproduction (this evlog's header) of a plan whose process died ends open as the original did: it says
    /// where the original stopped, not cut short.
    @Test func aWholeReproductionOfAPlanThatEndedOpenIsNotCutShort() async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        #expect(try await Evlog.run(["install", "--simulate", "--yes", "--home", home.path, "jq"]).exitCode == 0)
        let plan = try #require(home.onlyPlan())
        let reproduced = try await Evlog.run(["reproduce", plan, "--home", home.path])
        let whole = String(try #require(reproduced.stdoutLines.first { $0.hasPrefix("log: ") }).dropFirst("log: ".count))
        let records = try Self.records(of: whole)
        let creator = try LogReader(path: whole).header.creator
        let open = home.path + "/reproductions/p-0000000open0.evlog"
        let writer = try LogWriter.open(path: open, label: "p-0000000open0", creator: creator, createdAtMicros: 0)
        for record in records.prefix(3) { try writer.append(record.payload, checkpoint: record.isCheckpoint) }
        try writer.close()
        let status = try await Evlog.run(["status", open, "--home", home.path, "--no-color"])
        #expect(status.stdout.contains("where the original's process stopped") && !status.stdout.contains("cut short"), "\(status.allOutput)")
    }

    static func records(of path: String) throws -> [LogRecord] {
        let reader = try LogReader(path: path)
        var records: [LogRecord] = []
        while let record = try reader.next() { records.append(record) }
        return records
    }
}
