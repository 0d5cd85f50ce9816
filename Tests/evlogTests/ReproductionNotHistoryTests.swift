import Foundation
import Testing

/// repro20 #8: a reproduction is never history. Its export is not imported (filed in `plans/` under the original's id
/// it became `latest-failed`); a copy of its log put in `plans/` is passed over by `latest-failed`, and `status` does
/// not call it a reproduction of itself.
@Suite("reproduction not history")
struct ReproductionNotHistoryTests {
    @Test func aReproductionIsNotImportedNorLatestFailed() async throws {
        let original = try EvlogHome.make()
        let other = try EvlogHome.make()
        defer { original.remove(); other.remove() }
        let failed = try await Evlog.run(["install", "--simulate", "--yes", "--home", original.path, "--fault", "verify-jq=fail", "jq"])
        #expect(failed.exitCode != 0, "\(failed.allOutput)")
        let plan = try #require(original.onlyPlan())
        let reproduced = try await Evlog.run(["reproduce", plan, "--home", original.path])
        #expect(reproduced.exitCode == 0, "\(reproduced.allOutput)")
        let line = try #require(reproduced.stdoutLines.first { $0.hasPrefix("log: ") }, "\(reproduced.stdout)")
        let reproduction = String(line.dropFirst("log: ".count))

        let exported = try await Evlog.run(["export", reproduction, "--jsonl", "--home", original.path])
        #expect(exported.exitCode == 0, "\(exported.allOutput)")
        let file = other.path + "/reproduction.jsonl"
        try Data(exported.stdout.utf8).write(to: URL(fileURLWithPath: file))
        let imported = try await Evlog.run(["import", file, "--home", other.path])
        #expect(imported.exitCode == 2 && imported.stderr.contains("reproduction"), "\(imported.allOutput)")
        #expect(other.planIDs.isEmpty)

        try FileManager.default.createDirectory(atPath: other.path + "/plans", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: reproduction, toPath: other.path + "/plans/\(plan).evlog")
        let latest = try await Evlog.run(["status", "latest-failed", "--home", other.path])
        #expect(latest.exitCode == 2 && !latest.stdout.contains(plan), "\(latest.allOutput)")
        let status = try await Evlog.run(["status", plan, "--home", other.path])
        #expect(!status.stdout.contains("reproduction \(plan) of plan \(plan)") && status.stdout.contains("reproduction"), "\(status.allOutput)")
    }
}
