import Foundation
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

    @Test func aValueLearnedFromOutputIsNotMatchedInPieces() throws {
        let store = MemoryEventStore()
        let recorder = EventRecorder(store: store, clock: SystemClock())
        let data = Array(LearnedSecretSpreadTests.changelog.utf8)
        // Line by line, as `cat` of a changelog reaches a pipe in small writes.
        for line in data.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast() {
            try recorder.record(.outputChunk(step: "run", stream: .stdout, data: Array(line) + [0x0A], redacted: false))
        }
        try recorder.close()
        let stored = try store.events().compactMap { event -> String? in
            if case .outputChunk(_, _, let data, _) = event.body { return String(decoding: data, as: UTF8.self) }
            return nil
        }.joined()
        let lines = stored.split(separator: "\n", omittingEmptySubsequences: false)
        let redactedLines = lines.filter { $0.contains(SecretPolicy.markerText) }
        #expect(!stored.contains("my-secure-password"), "the credential example is redacted: \(stored)")
        // Only the URI examples with a credential lose anything; every later line comes out as it went in.
        #expect(redactedLines.allSatisfy { $0.contains("://") && $0.contains("example.com") }, "\(redactedLines)")
        let benign = LearnedSecretSpreadTests.changelog.split(separator: "\n", omittingEmptySubsequences: false).suffix(from: 10)
        #expect(Array(lines.suffix(benign.count)) == Array(benign), "\(lines.suffix(benign.count))")
    }
}
