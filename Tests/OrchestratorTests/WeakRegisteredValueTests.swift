@testable import Orchestrator
import Testing

/// A weak value in the caller's environment (`API_KEY=test`, `SECRET_KEY=local`) is redacted where it stands as
/// a word, not inside other words (`10 tests`, `localhost`: secrets10 finding 19); a value that looks like a
/// credential, or a long one, is still redacted anywhere, in pieces too.
@Suite struct WeakRegisteredValueTests {
    static let weak = ["test", "local", "postgres", "dummy", "changeme", "secret", "admin", "abcd"]
    static let affixes = ["s", "host", "-1", "_db", "ing", "x"]

    @Test(arguments: weak)
    func aWeakValueIsRedactedAsAWordOnly(value: String) {
        let policy = SecretPolicy(secrets: [value])
        for affix in Self.affixes {
            let inside = "running \(value)\(affix) and pre\(value) now"
            #expect(policy.redact(inside) == inside, "\(value): \(policy.redact(inside))")
        }
        #expect(!policy.redact("the value: \(value) here").contains(value))
        var stream = policy.makeStream()
        let (bytes, _) = stream.process(Array("image \(value)host ok, \(value) alone\n".utf8))
        #expect(String(decoding: bytes, as: UTF8.self) == "image \(value)host ok, [redacted] alone\n")
    }

    @Test(arguments: ["Zq8Lm3Kx9V", "hunter2", "correct horse battery"])
    func aStrongValueIsRedactedInsideWordsToo(value: String) {
        let policy = SecretPolicy(secrets: [value])
        #expect(!policy.redact("x\(value)y").contains(value))
    }
}
