import Foundation
import Testing

/// `list` and `status` say when a plan did not run on this machine (trust13 #12): an imported log's plan is marked as
/// imported in both, and the same plan in its own home is not.
struct ImportedPlanOriginTests {
    /// Runs `true` in `source`, exports its log and imports it into `target`.
    static func importRun(from source: EvlogHome, into target: EvlogHome) async throws {
        let ran = try await Evlog.run(["run", "--home", source.path, "--", "true"])
        #expect(ran.exitCode == 0, "\(ran.allOutput)")
        let export = try await Evlog.run(["export", "latest", "--jsonl", "--home", source.path])
        let file = source.path + "/plan.jsonl"
        try export.stdout.write(toFile: file, atomically: true, encoding: .utf8)
        let imported = try await Evlog.run(["import", file, "--home", target.path])
        #expect(imported.exitCode == 0, "\(imported.allOutput)")
    }

    @Test func anImportedPlanIsMarkedInListAndStatusAndTheOriginalIsNot() async throws {
        let source = try EvlogHome.make()
        let target = try EvlogHome.make()
        defer { source.remove(); target.remove() }
        try await Self.importRun(from: source, into: target)
        let list = try await Evlog.run(["list", "--no-color", "--home", target.path])
        #expect(list.stdout.contains("imported: it ran elsewhere"), "\(list.stdout)")
        let status = try await Evlog.run(["status", "latest", "--no-color", "--home", target.path])
        #expect(status.stdout.contains("imported: it ran elsewhere"), "\(status.stdout)")
        let own = try await Evlog.run(["list", "--no-color", "--home", source.path])
        #expect(!own.stdout.contains("imported") && !own.stdout.contains("another home"), "\(own.stdout)")
    }

    /// `--json` says where each plan ran (trust16 #2): a script counting installs from `list --json` or `status --json`
    /// tells this home's plan from an imported one and from a simulation.
    @Test func listAndStatusJSONCarryWhereThePlanRan() async throws {
        let source = try EvlogHome.make()
        let target = try EvlogHome.make()
        defer { source.remove(); target.remove() }
        try await Self.importRun(from: source, into: target)
        _ = try await Evlog.run(["install", "--simulate", "--yes", "--home", target.path, "jq"])
        _ = try await Evlog.run(["run", "--home", target.path, "--", "true"])
        let listed = try await Evlog.run(["list", "--json", "--home", target.path])
        let origins = listed.stdout.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["origin"] as? String
        }
        #expect(origins.sorted() == ["home", "imported", "simulated"], "\(listed.stdout)")
        // A simulated plan's times are the simulator's clock: it has no age (truth20 #18), the others a real one.
        let rows = listed.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        for row in rows {
            let age = row["age_seconds"]
            if row["origin"] as? String == "simulated" { #expect(age is NSNull, "\(row)") } else { #expect((age as? Int).map { $0 >= 0 && $0 < 3_600 } == true, "\(row)") }
        }
        let status = try await Evlog.run(["status", "latest", "--json", "--home", source.path])
        let own = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any], "\(status.stdout)")
        #expect(own["origin"] as? String == "home", "\(status.stdout)")
    }
}
