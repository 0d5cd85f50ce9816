import Foundation
import InstallModel
@testable import Orchestrator
import Testing

/// A value a command line gives as secret once by its structure (`NAME=value` with a secret-looking name) is
/// gone from the whole event that gives it, not only from that spot: `sh -c 'DB_PASSWORD=X; echo X'` kept X,
/// and its base64, in the plan's argv and label, on disk and on every view (reproduce7 finding 3).
@Suite struct CommandLineSecretEverywhereTests {
    static let names = ["DB_PASSWORD", "API_TOKEN", "MYSQL_PWD", "SECRET_KEY", "GITHUB_TOKEN", "REDIS_PASSWORD"]

    /// A seeded value, the name that gives it, and a `sh -c` line that gives it once and uses it again plain
    /// and base64-encoded.
    static func commandLine(seed: UInt64) -> (script: String, value: String) {
        var random = SplitMix64(seed: seed)
        let value = String((0..<(10 + Int(random.next() % 20))).map { _ in pick(secretAlphabet, &random) })
        let name = pick(names, &random)
        let base64 = Data(value.utf8).base64EncodedString()
        let uses = ["echo \"again \(value)\"", "echo b64 \(base64)", "curl -H 'X: \(value)' http://127.0.0.1/"]
        let script = (["export \(name)=\(value)"] + uses.shuffled(using: &random)).joined(separator: "; ")
        return (script, value)
    }

    @Test(arguments: Array(UInt64(1)...40))
    func aRecordedCommandLineLosesTheValueEverywhereInIt(seed: UInt64) throws {
        let (script, value) = Self.commandLine(seed: seed)
        let store = MemoryEventStore()
        let recorder = EventRecorder(store: store, clock: SystemClock())
        try recorder.record(.commandStarted(step: "run", argv: ["sh", "-c", script]))
        try recorder.record(.outputChunk(step: "run", stream: .stdout, data: Array("again \(value)\n".utf8), redacted: false))
        try recorder.close()
        let stored = try store.events().map { event -> String in
            if case .outputChunk(_, _, let data, _) = event.body { return String(decoding: data, as: UTF8.self) }
            return String(decoding: try EventPayload.encode(event), as: UTF8.self)
        }.joined(separator: "\n")
        let base64 = Data(value.utf8).base64EncodedString()
        #expect(!stored.contains(value) && !stored.contains(base64.prefix(12)), "\(stored)")
    }

    @Test(arguments: Array(UInt64(41)...60))
    func aPastedCommandLineLosesTheValueEverywhereInIt(seed: UInt64) {
        let (script, value) = Self.commandLine(seed: seed)
        let (policy, redacted) = SecretPolicy().learning(fromCommand: "sh -c '\(script)'")
        #expect(!redacted.contains(value), "\(redacted)")
        #expect(!policy.redact("output: \(value)").contains(value))
    }
}
