import Foundation
import Testing

/// Each family of `UnlistedSecretFamiliesTests` through a real `evlog run -- sh -c 'printf …'`: the secret
/// is gone from the terminal, the stored log, `replay --instant` and `export --jsonl` (the command line's
/// copies and the output's), and what is no secret (a stand-in, a reference, code printed by a tool) is shown
/// as printed.
@Suite struct UnlistedSecretFamiliesRunTests {
    /// One line per family, the secret of each (a fixed generated value), and what must still show.
    static let lines: [(line: String, secret: String)] = [
        ("DB_PASSWORD=$Qz8wKm3Tn5Vb", "Qz8wKm3Tn5Vb"),
        ("password: admin", ": admin"),
        ("requirepass Hv4rLp9Xc2Wd", "Hv4rLp9Xc2Wd"),
        ("connect scott/Ty6gMn2Rs8Kp@orcl", "Ty6gMn2Rs8Kp"),
        ("GH_PAT=Wd3kPx7Lm9Qz4Rt6", "Wd3kPx7Lm9Qz4Rt6"),
        ("token dapi0123456789abcdef0123456789abcdef created", "0123456789abcdef0123456789abcdef"),
        ("Mot de passe : Jc5nBv8Xz2Lq", "Jc5nBv8Xz2Lq"),
    ]
    static let kept = ["DB_PASSWORD=%DB_PASS%", "existingSecret: name-of-secret", "def connect(host, password=None):", "x = None"]

    @Test func everyFamilyIsRedactedFromTheTerminalTheLogTheReplayAndTheExport() async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        // The lines are in the command line too: its events (the plan, the step's label) are redacted as its output is.
        let printed = (Self.lines.map(\.line) + Self.kept).map { "printf '%s\\n' '\($0)'" }.joined(separator: "; ")
        let scratch = EvlogHome(path: home.path + "/evlog")
        let terminal = try await Evlog.run(["run", "--no-color", "--home", scratch.path, "--", "sh", "-c", printed], mergeStandardError: true)
        #expect(terminal.exitCode == 0, "\(terminal.stdout)")
        let plan = try #require(scratch.onlyPlan())
        let channels = [
            ("terminal", terminal.allOutput), ("export", try await scratch.export(plan).text), ("replay", try await scratch.replay(plan).allOutput),
        ]
        for (channel, text) in channels {
            for (line, secret) in Self.lines { #expect(!text.contains(secret), "\(channel) shows «\(secret)» of «\(line)»") }
            for line in Self.kept { #expect(text.contains(line) || text.contains(line.replacingOccurrences(of: "\"", with: "\\\"")), "\(channel) lost «\(line)»") }
        }
        for file in scratch.files() {
            for (_, secret) in Self.lines where TextComparison.occurrences(of: secret, in: Array(file.bytes)) > 0 { Issue.record("\(file.path) holds «\(secret)»") }
        }
    }
}
