import Foundation
import InstallModel
import Testing

/// A failure's evidence lines are the output as the log keeps it: a private key printed before a failure is
/// redacted in the diagnosis too, however far its BEGIN line is from the end (secrets10 finding 11: the
/// evidence window kept the body lines and the END line, not the BEGIN that made them a key).
struct FailureEvidenceRedactionTests {
    /// A seeded PEM-shaped private key with `lines` body lines of base64.
    static func privateKey(seed: UInt64, lines: Int) -> (text: String, body: [String]) {
        var random = SplitMix64(seed: seed)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        let body = (0..<lines).map { _ in String((0..<64).map { _ in alphabet[Int(random.next() % 64)] }) }
        let kind = ["PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY"][Int(random.next() % 4)]
        return ((["-----BEGIN \(kind)-----"] + body + ["-----END \(kind)-----"]).joined(separator: "\n") + "\n", body)
    }

    @Test(arguments: [(UInt64(1), 4), (2, 12), (3, 25), (4, 40)])
    func aKeyPrintedBeforeAFailureIsRedactedInItsEvidence(seed: UInt64, lines: Int) async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        let (key, body) = Self.privateKey(seed: seed, lines: lines)
        let file = home.path + "/key.pem"
        try key.write(toFile: file, atomically: true, encoding: .utf8)
        let run = try await Evlog.run(["run", "--no-color", "--home", home.path, "--", "sh", "-c", "cat \"$0\"; exit 1", file])
        #expect(run.exitCode == 1, "\(run.allOutput)")
        let stored = try await Evlog.run(["export", "--jsonl", "--home", home.path, "latest"])
        let failed = try await Evlog.run(["what-failed", "--no-color", "--home", home.path, "latest"])
        for line in body {
            #expect(!run.allOutput.contains(line) && !stored.stdout.contains(line) && !failed.stdout.contains(line), "\(line)")
        }
        #expect(stored.stdout.contains("failure_analysed"), "\(stored.allOutput)")
    }
}
