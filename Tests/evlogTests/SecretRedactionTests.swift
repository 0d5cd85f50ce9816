import Foundation
import Testing

/// The sudo password given on stdin never reaches the terminal, the log or a replay, even when the
/// command prints it, whole or split across two writes (../shared/acceptance/04-secret-never-logged).
@Suite("secrets never land")
struct SecretRedactionTests {
    static let secret = "Tr0ub4dor-s3cr3t-XyZ"
    /// The two halves the command writes apart, with a pause between, so they arrive as separate chunks.
    static let fragments = ["Tr0ub4d", "or-s3cr3t-XyZ"]

    /// A shell script that prints the secret whole, then split across two writes 0.2 s apart, then after 5,000 bytes.
    static let printingScript = """
        printf 'a%s\\n' '\(secret)'
        printf '%s' '\(fragments[0])'; sleep 0.2; printf '%s\\n' '\(fragments[1])'
        printf 'x%.0s' $(seq 1 5000); echo '\(secret)'
        """

    /// Every place the secret or one of its halves shows up: terminal, JSONL export, replay, raw log files.
    static func leaks(terminal: ChildOutcome, home: EvlogHome, plan: String) async throws -> [String] {
        let export = try await home.export(plan)
        let replay = try await home.replay(plan)
        var places: [String] = []
        let texts = [("terminal", terminal.allOutput), ("export", export.text), ("replay", replay.allOutput)]
        for (place, text) in texts {
            for needle in [secret] + fragments where text.contains(needle) {
                let line = text.components(separatedBy: "\n").first { $0.contains(needle) } ?? ""
                places.append("\(place) has «\(needle)» in: \(line.prefix(240))")
            }
        }
        for file in home.files() where TextComparison.occurrences(of: secret, in: Array(file.bytes)) > 0 {
            places.append("file \(file.path) holds the secret")
        }
        return places
    }

    @Test func passwordPrintedByTheCommandIsRedactedFromTerminalLogAndReplay() async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        let script = home.path + "/print-secret.sh"
        try Data(SecretRedactionTests.printingScript.utf8).write(to: URL(fileURLWithPath: script))
        let scratch = home.path + "/evlog"
        let evlogHome = EvlogHome(path: scratch)
        let terminal = try await Evlog.run(
            ["run", "--sudo-password-stdin", "--no-color", "--home", scratch, "--", "sh", script],
            input: .text(SecretRedactionTests.secret + "\n"), mergeStandardError: true)
        #expect(terminal.exitCode == 0, "\(terminal.stdout)")
        let plan = try #require(evlogHome.onlyPlan())
        // The command did print it: the log says its output was redacted, and the marker shows where.
        let chunks = try await evlogHome.export(plan).events("output_chunk")
        #expect(chunks.contains { $0.fields["redacted"] as? Bool == true }, "no output chunk was marked redacted")
        #expect(terminal.stdout.contains("a[redacted]"), "\(terminal.stdout)")
        let leaks = try await SecretRedactionTests.leaks(terminal: terminal, home: evlogHome, plan: plan)
        #expect(leaks.isEmpty, "\(leaks.joined(separator: "\n"))")
    }

    /// The acceptance check's exact shape: the secret is also in the command line evlog records.
    @Test func passwordInTheCommandLineIsRedactedFromTerminalLogAndReplay() async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        let secret = SecretRedactionTests.secret
        let terminal = try await Evlog.run(
            ["run", "--sudo-password-stdin", "--no-color", "--home", home.path, "--", "sh", "-c",
             SecretRedactionTests.printingScript.replacingOccurrences(of: "\n", with: "; ")],
            input: .text(secret + "\n"), mergeStandardError: true)
        #expect(terminal.exitCode == 0, "\(terminal.stdout)")
        let plan = try #require(home.onlyPlan())
        let leaks = try await SecretRedactionTests.leaks(terminal: terminal, home: home, plan: plan)
        #expect(leaks.isEmpty, "\(leaks.joined(separator: "\n"))")
    }
}
