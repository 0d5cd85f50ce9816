import Foundation
import InstallModel
import Testing

/// `evlog import` is the one boundary for logs: an export whose plan names a package, an installed file, a
/// verify command or a PATH entry no recipe could is refused there (no log is created, so no later uninstall
/// or upgrade plan is built from it), and a line past the bound is refused while it is read, leaving nothing.
@Suite("hostile imports")
struct HostileImportTests {
    /// A simulated install's export, one per installing method: apt, pipx, cargo, go, a release.
    static let tools = ["jq", "black", "cargo-audit", "gopls", "lazygit"]

    private static func export(_ tool: String, home: EvlogHome) async throws -> String {
        let installed = try await Evlog.run(["install", "--simulate=synthetic", "--yes", tool, "--home", home.path, "--no-color"])
        #expect(installed.exitCode == 0, "\(installed.allOutput)")
        let exported = try await Evlog.run(["export", "latest", "--jsonl", "--home", home.path])
        return exported.stdout
    }

    /// A value of the recorded plan made hostile: shell text, an option, a path out of place, a second line.
    private static func hostile(_ value: String, _ random: inout SplitMix64) -> String {
        let insertions = ["; touch /tmp/evlog-pwned", "$(id)", "`id`", "\n", " ", "/../../etc/", "|sh", "&", "'", "\""]
        if Int.random(in: 0..<4, using: &random) == 0 { return "--index-url=http://evil.example/" + value }
        let characters = Array(value)
        let cut = Int.random(in: 0...characters.count, using: &random)
        return String(characters[..<cut]) + insertions.randomElement(using: &random)! + String(characters[cut...])
    }

    /// Every string under the plan's steps' action parameters that names something a lifecycle plan would use.
    private static let recordedFields: Set<String> = ["packages", "package", "installName", "binary", "pathEntries", "keyringPath", "sourcePath", "name"]

    private static func poison(_ plan: inout [String: Any], _ random: inout SplitMix64) -> Bool {
        guard var steps = plan["steps"] as? [[String: Any]] else { return false }
        var candidates: [(step: Int, field: String)] = []
        for (index, step) in steps.enumerated() {
            guard let parameters = (step["action"] as? [String: Any])?["parameters"] as? [String: Any] else { continue }
            for field in parameters.keys where recordedFields.contains(field) { candidates.append((index, field)) }
        }
        guard let (index, field) = candidates.randomElement(using: &random) else { return false }
        var action = steps[index]["action"] as! [String: Any]
        var parameters = action["parameters"] as! [String: Any]
        if var list = parameters[field] as? [String], !list.isEmpty {
            let at = Int.random(in: 0..<list.count, using: &random)
            list[at] = hostile(list[at], &random)
            parameters[field] = list
        } else if let text = parameters[field] as? String {
            parameters[field] = hostile(text, &random)
        } else {
            return false
        }
        action["parameters"] = parameters
        steps[index]["action"] = action
        plan["steps"] = steps
        return true
    }

    @Test(arguments: tools) func anExportNamingAHostileValueIsRefusedAtImport(tool: String) async throws {
        let source = try EvlogHome.make()
        defer { source.remove() }
        let target = try EvlogHome.make()
        defer { target.remove() }
        var lines = try await Self.export(tool, home: source).split(separator: "\n").map(String.init)
        let header = lines[0]
        for seed in UInt64(1)...10 {
            var random = SplitMix64(seed: seed &* 7919 &+ UInt64(tool.utf8.count))
            var first = try #require(JSONSerialization.jsonObject(with: Data(header.utf8)) as? [String: Any])
            var plan = try #require(first["plan"] as? [String: Any])
            try #require(Self.poison(&plan, &random), "\(tool) seed \(seed): nothing to poison")
            first["plan"] = plan
            lines[0] = String(decoding: try JSONSerialization.data(withJSONObject: first), as: UTF8.self)
            let file = source.path + "/hostile.jsonl"
            try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: file))
            let imported = try await Evlog.run(["import", file, "--home", target.path, "--no-color"])
            #expect(imported.exitCode == 2 && ChildOutcome.lines(imported.stderr).count == 1, "\(tool) seed \(seed): \(imported.allOutput)")
            #expect(imported.stderr.contains("hostile.jsonl:1: step "), "\(tool) seed \(seed): \(imported.stderr) \(lines[0])")
            #expect(target.planIDs.isEmpty, "\(tool) seed \(seed): a refused import left \(target.planIDs)")
        }
    }

    @Test func aLineOverTheBoundIsRefusedWhileReadAndLeavesNothing() async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        let header = try await Self.export("jq", home: home).split(separator: "\n")[0]
        let file = home.path + "/long.jsonl"
        FileManager.default.createFile(atPath: file, contents: Data((header + "\n").utf8))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
        try handle.seekToEnd()
        let block = Data(repeating: UInt8(ascii: "a"), count: 1 << 20)
        for _ in 0..<80 { try handle.write(contentsOf: block) }
        try handle.close()

        let target = try EvlogHome.make()
        defer { target.remove() }
        let imported = try await Evlog.run(["import", file, "--home", target.path, "--no-color"])
        #expect(imported.exitCode == 2 && ChildOutcome.lines(imported.stderr).count == 1, "\(imported.allOutput)")
        #expect(imported.stderr.contains("long.jsonl:2: line over the"), "\(imported.stderr)")
        #expect((try? FileManager.default.contentsOfDirectory(atPath: target.path + "/plans")) ?? [] == [], "nothing is left behind")
    }

    @Test func aBadLineAfterTheFirstLeavesNoLogBehind() async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        let file = home.path + "/cut.jsonl"
        try Data((try await Self.export("jq", home: home) + "{\"seq\":\n").utf8).write(to: URL(fileURLWithPath: file))
        let target = try EvlogHome.make()
        defer { target.remove() }
        let imported = try await Evlog.run(["import", file, "--home", target.path, "--no-color"])
        #expect(imported.exitCode == 2 && imported.stderr.contains("not a JSON event"), "\(imported.allOutput)")
        #expect((try? FileManager.default.contentsOfDirectory(atPath: target.path + "/plans")) ?? [] == [], "nothing is left behind")
    }
}
