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

    /// Every channel a secret could leave by: the terminal, the JSONL, trace and HTML exports, the
    /// replay, the decompressed records of the log (`evlog cat --hex`) and every raw file of the home.
    static func channels(terminal: ChildOutcome, home: EvlogHome, plan: String) async throws -> [(String, String)] {
        var channels = [("terminal", terminal.allOutput), ("jsonl export", try await home.export(plan).text)]
        for format in ["--trace", "--html"] {
            let export = try await Evlog.run(["export", plan, format, "--home", home.path])
            #expect(export.exitCode == 0, "export \(format): \(export.stderr)")
            channels.append(("\(format) export", export.stdout))
        }
        channels.append(("replay", try await home.replay(plan).allOutput))
        let cat = try await Evlog.run(["cat", home.path + "/plans/\(plan).evlog", "--hex"])
        #expect(cat.exitCode == 0, "cat: \(cat.stderr)")
        channels.append(("decompressed log (hex)", cat.stdout))
        for file in home.files() { channels.append(("file \(file.path)", String(decoding: file.bytes, as: UTF8.self))) }
        return channels
    }

    /// The places among `channels` that hold `needle` (as text, or as hex where the channel is hex).
    static func places(of needles: [String], in channels: [(String, String)]) -> [String] {
        var places: [String] = []
        for needle in needles {
            let hex = Array(needle.utf8).map { String(format: "%02x", $0) }.joined()
            for (name, text) in channels where text.contains(needle) || text.replacingOccurrences(of: " ", with: "").contains(hex) {
                let line = text.components(separatedBy: "\n").first { $0.contains(needle) } ?? "(hex)"
                places.append("\(name) has «\(needle)»: \(line.prefix(200))")
            }
        }
        return places
    }

    /// Issue 17.3: secrets typed into `evlog run`'s argv (as `--password X`, `--token=X`, a URL
    /// password, `curl -u user:pass`), an environment value the child prints, the sudo password in a
    /// failure reason and in the analysis evidence of the failed step: none reaches any channel.
    @Test func noSecretOfARunReachesAnyChannel() async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        let sudo = SecretRedactionTests.secret
        let argvSecrets = ["ArgvS3cretValue-1", "ArgvS3cretValue-2", "ArgvS3cretValue-3", "ArgvS3cretValue-4"]
        let envSecret = "EnvS3cretValue-5"
        // The script sits in a directory named after the sudo password, so the password is in the
        // command, its label and the failure reason; it prints the environment value and an
        // apt-style error naming the password (evidence for the analysis), then fails.
        let scripts = try TemporaryDirectory.make(prefix: "evlog-scripts")
        defer { TemporaryDirectory.remove(scripts) }
        try FileManager.default.createDirectory(atPath: scripts + "/" + sudo, withIntermediateDirectories: true)
        let script = scripts + "/" + sudo + "/fail.sh"
        try Data("""
            #!/bin/sh
            echo "token is $EVLOG_TEST_API_TOKEN; plain is $EVLOG_TEST_PLAIN"
            echo "E: Unable to locate package $(basename "$(dirname "$0")")"
            exit 100
            """.utf8).write(to: URL(fileURLWithPath: script))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
        var environment = Evlog.testEnvironment()
        environment["EVLOG_TEST_API_TOKEN"] = envSecret
        environment["EVLOG_TEST_PLAIN"] = "plain-value-visible"
        let terminal = try await Evlog.run(
            ["run", "--sudo-password-stdin", "--no-color", "--home", home.path, "--", script,
             "--password", argvSecrets[0], "--token=" + argvSecrets[1], "https://me:\(argvSecrets[2])@example.invalid/x",
             "-u", "me:" + argvSecrets[3]],
            input: .text(sudo + "\n"), environment: environment, mergeStandardError: true)
        #expect(terminal.exitCode != 0, "the command should fail: \(terminal.stdout)")
        // The child got the caller's environment (minus nothing): the plain value is there.
        #expect(terminal.stdout.contains("plain is plain-value-visible"), "\(terminal.stdout)")
        #expect(terminal.stdout.contains("token is [redacted]"), "\(terminal.stdout)")
        let plan = try #require(home.onlyPlan())
        let export = try await home.export(plan)
        #expect(!export.events("failure_analysed").isEmpty, "the failure was analysed")
        let channels = try await SecretRedactionTests.channels(terminal: terminal, home: home, plan: plan)
        let leaks = SecretRedactionTests.places(of: [sudo] + SecretRedactionTests.fragments + argvSecrets + [envSecret], in: channels)
        #expect(leaks.isEmpty, "\(leaks.joined(separator: "\n"))")
    }

    /// A plan whose command the log holds only redacted is not resumed with the redacted command.
    @Test func resumingARunWhoseArgvHeldASecretRefusesWithOneLine() async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        let first = try await Evlog.run(
            ["run", "--no-color", "--home", home.path, "--", "sh", "-c", "exit 3", "sh", "--password", "ArgvS3cretValue-9"],
            mergeStandardError: true)
        #expect(first.exitCode != 0)
        let plan = try #require(home.onlyPlan())
        let resume = try await Evlog.run(["resume", plan, "--yes", "--no-color", "--home", home.path], mergeStandardError: true)
        #expect(resume.exitCode == 2, "\(resume.stdout)")
        #expect(resume.stdout.contains("held a secret the log keeps only as [redacted]"), "\(resume.stdout)")
        let export = try await home.export(plan)
        #expect(export.events("step_started").count == 1, "the redacted command never ran again")
    }
}
