import Foundation
import Testing

/// A log an older evlog recorded holds what its policy did not redact; every command that reads it
/// shows it as this evlog would have recorded it (the policy is applied again as a log is read), and a
/// bundle of it is written redacted. The fixture was recorded by an evlog of 2026-12-06 12:08 running
/// `bash print-credentials.sh -U sa -P X` (six credentials printed, one on the command line).
@Suite struct OlderLogSecretTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/logs/secrets/older-evlog-raw-secrets.evlog").path
    static let secrets = (1...7).map { "Qk7mOLD\($0)xR9vL" }

    static let readers: [[String]] = [
        ["replay", "latest", "--instant"], ["what-ran", "latest"], ["what-ran", "latest", "--json"], ["what-failed", "latest"],
        ["status", "latest"], ["status", "latest", "--json"], ["diagnose", "latest"], ["diagnose", "latest", "--json"],
        ["export", "latest", "--jsonl"], ["export", "latest", "--html"], ["export", "latest", "--asciicast"], ["list"],
    ]

    @Test func everyReaderRedactsALogAnOlderEvlogRecorded() async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        try FileManager.default.createDirectory(atPath: home.path + "/plans", withIntermediateDirectories: true)
        let log = home.path + "/plans/p-d60d83d19886.evlog"
        try FileManager.default.copyItem(atPath: Self.fixture, toPath: log)
        // The check can see them: the log holds every one in the clear (in the hex of an output chunk's record).
        let raw = try await Evlog.run(["cat", log, "--hex", "--home", home.path])
        for secret in Self.secrets {
            let hex = secret.utf8.map { String(format: "%02x", $0) }.joined()
            #expect(raw.allOutput.contains(hex), "the fixture no longer holds \(secret)")
        }

        for reader in Self.readers {
            let outcome = try await Evlog.run(reader + ["--home", home.path, "--no-color"])
            #expect(!outcome.allOutput.isEmpty, "\(reader) printed nothing")
            for secret in Self.secrets where outcome.allOutput.contains(secret) {
                Issue.record("\(reader.joined(separator: " ")) shows \(secret)")
            }
        }
        let bundle = home.path + "/older.evb"
        let bundled = try await Evlog.run(["bundle", "latest", "-o", bundle, "--home", home.path])
        #expect(FileManager.default.fileExists(atPath: bundle), "\(bundled.allOutput)")
        let inBundle = try await Evlog.run(["cat", bundle, "--home", home.path])
        #expect(inBundle.allOutput.contains("[redacted]"), "\(inBundle.allOutput)")
        for secret in Self.secrets { #expect(!inBundle.allOutput.contains(secret), "the bundle holds \(secret)") }
        let verified = try await Evlog.run(["verify", bundle, "--home", home.path])
        #expect(verified.exitCode == 0, "\(verified.allOutput)")
    }
}
