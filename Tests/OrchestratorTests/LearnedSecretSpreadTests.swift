import Foundation
import InstallModel
@testable import Orchestrator
import Testing

/// A value learned from output (a guess there, by its key or shape) is matched whole only: matched in
/// pieces, one credential example in a changelog redacted every later word sharing 6 bytes with it
/// (`bookworm[redacted]ity`, `in[redacted]`, `ruby/[redacted]random`).
@Suite struct LearnedSecretSpreadTests {
    /// Real text, not written for this test: the first eleven lines are copied (a long paragraph left out) from Debian bookworm's
    /// /usr/share/doc/libruby3.1/changelog.gz (its only credentials are the URI examples); the rest are
    /// lines that followed in this machine's changelogs (ruby3.1, util-linux, libtiff, apt).
    private static let changelog = """
            [rubygems/rubygems] Introduce `Gem::PrintableUri` that would redact URIs to be used on outputs

            URI with the following format will be redacted:
            - Token: `http://my-secure-token@example.com` => `http://REDACTED@example.com`
            - Username & Password: `http://my-username:my-secure-password@example.com` => `http://my-username:REDACTED@example.com`
            - x-oauth-basic: `http://my-secure-token:x-oauth-basic@example.com` => `http://REDACTED:x-oauth-basic@example.com`

            https://github.com/rubygems/rubygems/commit/f1e45d3a89

          Notes:
            Merged: https://github.com/ruby/ruby/pull/4789

            [ruby/securerandom] Use String#unpack1

            https://github.com/ruby/securerandom/commit/5460a18c35

        util-linux (2.38.1-5+deb12u1) bookworm-security; urgency=medium
        \t* tools/fax2ps.c: Replace insecure mktemp() function with the
          * Document --allow-insecure-repositories

        """

    /// Records `text` as one step's output, line by line (as `cat` of a changelog reaches a pipe in small
    /// writes), through a recorder that learns what it finds, and returns what was stored.
    static func recorded(_ text: String) throws -> String {
        let store = MemoryEventStore()
        let recorder = EventRecorder(store: store, clock: SystemClock())
        for line in Array(text.utf8).split(separator: 0x0A, omittingEmptySubsequences: false).dropLast() {
            try recorder.record(.outputChunk(step: "run", stream: .stdout, data: Array(line) + [0x0A], redacted: false))
        }
        try recorder.close()
        return try store.events().compactMap { event -> String? in
            if case .outputChunk(_, _, let data, _) = event.body { return String(decoding: data, as: UTF8.self) }
            return nil
        }.joined()
    }

    @Test func aValueLearnedFromOutputIsNotMatchedInPieces() throws {
        let stored = try LearnedSecretSpreadTests.recorded(LearnedSecretSpreadTests.changelog)
        let lines = stored.split(separator: "\n", omittingEmptySubsequences: false)
        let redactedLines = lines.filter { $0.contains(SecretPolicy.markerText) }
        #expect(!stored.contains("my-secure-password"), "the credential example is redacted: \(stored)")
        // Only the URI examples with a credential lose anything; every later line comes out as it went in.
        #expect(redactedLines.allSatisfy { $0.contains("://") && $0.contains("example.com") }, "\(redactedLines)")
        let benign = LearnedSecretSpreadTests.changelog.split(separator: "\n", omittingEmptySubsequences: false).suffix(from: 10)
        #expect(Array(lines.suffix(benign.count)) == Array(benign), "\(lines.suffix(benign.count))")
    }

    /// Real prose comes out as it went in, though a recorder learns what it finds: `Fixtures/prose/`
    /// holds excerpts of this machine's changelogs (the 20 lines before and 200 after each place where,
    /// in 185 MB of them, a value was once learned from a sentence: `token "symbols"`, `pwd->pw_name`,
    /// `<token>.command`, `SPW_AUTH -> SPW_SECUREWARE`, …) and libsystemd0's changelog, whose `symbols`
    /// lines were then all redacted. The bound is the issue's: under 1 redacted line per 10 MB.
    @Test func realProseLosesNothingToWhatItSeemsToSay() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/prose")
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil).filter { $0.pathExtension == "txt" }
        let text = try files.sorted { $0.path < $1.path }.map { try String(contentsOf: $0, encoding: .utf8) }.joined()
        #expect(text.utf8.count > 100_000, "the corpus was read (\(text.utf8.count) bytes)")
        let redacted = try LearnedSecretSpreadTests.recorded(text).split(separator: "\n").filter { $0.contains(SecretPolicy.markerText) }
        #expect(redacted.count <= text.utf8.count / 10_000_000, "\(redacted.count) lines redacted: \(redacted.prefix(20))")
    }

    /// What a sentence seems to say (`the password is X`, `password X`, `key -> X`, `<password>X` unclosed)
    /// is redacted where it is said, never learned; what a structure says (`password=X`, a URL's user
    /// part, a header, a token's prefix) is redacted wherever the value shows again.
    @Test func onlyAStructuralFindIsLearned() throws {
        var random = SplitMix64(seed: 0x9205_E1EA)
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789")
        for round in 0..<400 {
            let body = (0..<(10 + Int(random.next() % 14))).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            let value = "K" + String(random.next() % 10) + "xQ" + String(body)
            let name = ["password", "token", "secret", "passwd", "Password"][Int(random.next() % 5)]
            let prose = [
                "the \(name) is \(value)", "your \(name) \(value) expired", "\(name) -> \(value)", "<\(name)>\(value)",
                "set \(name) = \(value) here", "old \(name) was \(value).",
            ]
            let structure = [
                "\(name)=\(value)", "\(name): \(value)", "https://me:\(value)@db.internal/x", "Authorization: Bearer \(value)",
                "\"\(name)\": \"\(value)\"",
            ]
            let learned = random.next() % 2 == 0
            let source = learned ? structure : prose
            let said = source[Int(random.next() % UInt64(source.count))]
            let stored = try LearnedSecretSpreadTests.recorded("\(said)\nlater: \(value) again\n")
            let lines = stored.split(separator: "\n").map(String.init)
            let first: String = lines.first ?? ""
            let redactedThere = first.contains(SecretPolicy.markerText) && !first.contains(value)
            #expect(lines.count == 2 && redactedThere, "round \(round): \(stored)")
            let later: String = lines.last ?? ""
            #expect(later == (learned ? "later: [redacted] again" : "later: \(value) again"), "round \(round) \(said.debugDescription): \(stored)")
        }
    }
}
