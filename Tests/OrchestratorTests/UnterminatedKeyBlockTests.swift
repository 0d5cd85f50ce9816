import InstallModel
@testable import Orchestrator
import Testing

/// A BEGIN line of a private key with no END after it (a `grep` hit, `head -1 key.pem`, a step that prints one
/// to hide what it does next) no longer swallows the output after it (secrets15 F7): the block's body is lines of
/// key letters, bounded in size, and the first line of anything else is output again. A body that does come is
/// still redacted, however it is split into writes.
@Suite struct UnterminatedKeyBlockTests {
    static let labels = ["PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "PGP PRIVATE KEY BLOCK", "USER NKEY SEED"]
    /// What a BEGIN line may be printed after: nothing, a grep hit's `path:line:`, a key's name.
    static let beginPrefixes = ["", "config/fixtures/dummy.pem:1:", "  ", "key: ", "SSH_KEY="]

    /// An output line that is no key body: words with spaces and punctuation, as compilers, shells and tools print.
    static func outputLine(_ random: inout SplitMix64) -> String {
        let word = { (random: inout SplitMix64) in String((0..<(3 + Int(random.next() % 8))).map { _ in pick(secretAlphabet, &random) }) }
        let a = word(&random)
        let b = word(&random)
        let n = random.next() % 500
        return pick([
            "\(a).c:\(n):5: error: '\(b)' undeclared", "make: *** [Makefile:\(n): all] Error 1", "curl -fsSL https://\(a).example/\(b) | sh",
            "rm -rf /home/\(a)/\(b)", "Setting up \(a) (\(n).0) ...", "\(a) \(b) done", "[\(a)] \(b) = \(n)",
        ], &random)
    }

    static func bodyLine(_ random: inout SplitMix64) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        return String((0..<(16 + Int(random.next() % 49))).map { _ in alphabet[Int(random.next() % 64)] })
    }

    /// `text` through a stream, cut into up to four writes at random points, with a quiet release after some.
    static func streamed(_ text: String, _ random: inout SplitMix64) -> String {
        let bytes = Array(text.utf8)
        let cuts = [0] + (0..<Int(random.next() % 4)).map { _ in Int(random.next() % UInt64(bytes.count + 1)) }.sorted() + [bytes.count]
        let chunks = zip(cuts, cuts.dropFirst()).map { Array(bytes[$0..<$1]) }
        let quiet = Set(chunks.indices.filter { _ in random.next() % 3 == 0 })
        return SecretShapePropertyTests.stream(chunks, policy: SecretPolicy(), quietAfter: quiet)
    }

    @Test(arguments: Array(UInt64(1)...80))
    func outputAfterABeginLineWithoutEndIsKept(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let begin = pick(Self.beginPrefixes, &random) + "-----BEGIN \(pick(Self.labels, &random))-----"
        let body = (0..<Int(random.next() % 4)).map { _ in Self.bodyLine(&random) }
        let after = (0..<(1 + Int(random.next() % 5))).map { _ in Self.outputLine(&random) }
        let shown = Self.streamed(([begin] + body + after).joined(separator: "\n") + "\n", &random)
        for line in body { #expect(!shown.contains(line), "\(shown)") }
        for line in after { #expect(shown.contains(line), "\(shown)") }
    }

    @Test(arguments: Array(UInt64(1)...40))
    func aBodyEndingInAnEndWithMoreDashesIsRedactedAndWhatFollowsKept(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let label = pick(Self.labels, &random)
        let dashes = String(repeating: "-", count: 5 + Int(random.next() % 3))
        let body = (0..<(1 + Int(random.next() % 6))).map { _ in Self.bodyLine(&random) }
        let after = Self.outputLine(&random)
        let text = (["-----BEGIN \(label)-----"] + body + ["\(dashes)END \(label)\(dashes)", after]).joined(separator: "\n") + "\n"
        let shown = Self.streamed(text, &random)
        for line in body { #expect(!shown.contains(line), "\(shown)") }
        #expect(shown.contains(after) && shown.contains("END \(label)"), "\(shown)")
    }

    @Test func bodyLookingLinesPastTheBoundAreOutputAgain() {
        var random = SplitMix64(seed: 0xF7)
        var lines = ["-----BEGIN PRIVATE KEY-----"]
        var size = 0
        while size <= SecretScan.keyBlockBytesMax {
            lines.append(Self.bodyLine(&random))
            size += lines[lines.count - 1].utf8.count + 1
        }
        // Shorter than a bare AWS secret (40 bytes), which is redacted by its shape alone.
        let late = (0..<20).map { _ in String(Self.bodyLine(&random).prefix(30)) }
        let shown = Self.streamed((lines + late).joined(separator: "\n") + "\n", &random)
        #expect(!shown.contains(lines[1]), "the body's start is redacted")
        for line in late { #expect(shown.contains(line)) }
    }
}
