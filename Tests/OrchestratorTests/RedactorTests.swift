import InstallModel
@testable import Orchestrator
import Testing

private func redactAll(_ chunks: [String], secrets: [String]) -> String {
    var redactor = SecretPolicy(secrets: secrets).makeStream()
    var out: [UInt8] = []
    for chunk in chunks { out += redactor.process(Array(chunk.utf8)).bytes }
    out += redactor.finish().bytes
    return String(decoding: out, as: UTF8.self)
}

@Test func registeredSecretIsReplacedWherever() {
    let text = redactAll(["password is Tr0ub4dor-s3cr3t-XyZ ok\n"], secrets: ["Tr0ub4dor-s3cr3t-XyZ"])
    #expect(text == "password is [redacted] ok\n")
}

@Test func secretSplitAcrossTwoChunksIsCaught() {
    let text = redactAll(["aTr0ub4d", "or-s3cr3t-XyZ\n"], secrets: ["Tr0ub4dor-s3cr3t-XyZ"])
    #expect(!text.contains("Tr0ub4d"))
    #expect(!text.contains("or-s3cr3t"))
    #expect(text.contains("[redacted]"))
}

@Test func secretSplitAtEveryPositionIsCaught() {
    let secret = "hunter2-is-my-password"
    let line = "prefix " + secret + " suffix\n"
    for cut in 0...line.utf8.count {
        let bytes = Array(line.utf8)
        var redactor = SecretPolicy(secrets: [secret]).makeStream()
        var out = redactor.process(Array(bytes[..<cut])).bytes
        out += redactor.process(Array(bytes[cut...])).bytes
        out += redactor.finish().bytes
        let text = String(decoding: out, as: UTF8.self)
        #expect(!text.contains("hunter2"), "cut at \(cut): \(text)")
        #expect(text == "prefix [redacted] suffix\n", "cut at \(cut)")
    }
}

@Test func secretSplitOverManySmallChunksIsCaught() {
    let secret = "Tr0ub4dor-s3cr3t-XyZ"
    let chunks = ("x " + secret + " y\n").map { String($0) }
    let text = redactAll(chunks, secrets: [secret])
    #expect(text == "x [redacted] y\n")
}

@Test func aTrailingPrefixOfTheSecretIsRedactedAtTheEnd() {
    let text = redactAll(["typed Tr0ub4d"], secrets: ["Tr0ub4dor-s3cr3t-XyZ"])
    #expect(!text.contains("Tr0ub4d"))
}

@Test func urlCredentialsAreRedacted() {
    let text = redactAll(["fetching https://deploy:ghp_abc123@github.com/x.git\n"], secrets: [])
    #expect(text == "fetching https://deploy:[redacted]@github.com/x.git\n")
}

@Test func keyValueSecretsAreRedacted() {
    let text = redactAll(["run --password=letmein --token=abc123 --user=me\n"], secrets: [])
    #expect(text == "run --password=[redacted] --token=[redacted] --user=me\n")
}

@Test func ordinaryOutputPassesUnchanged() {
    let apt = "Get:1 http://deb.debian.org/debian bookworm/main amd64 ripgrep amd64 13.0.0-4+b2 [1,101 kB]\nSetting up ripgrep (13.0.0-4+b2) ...\n"
    #expect(redactAll([apt], secrets: ["s3cr3t"]) == apt)
}

@Test func redactingAStringCoversArgv() {
    let redactor = SecretPolicy(secrets: ["s3cr3t"])
    #expect(redactor.redact("curl https://u:s3cr3t@example.invalid/") == "curl https://u:[redacted]@example.invalid/")
}

@Test func bearerTokensAndUnderscoredKeysAreRedacted() {
    let text = redactAll(["Authorization: Bearer eyJhbGciOi.x\nexport API_KEY=abc123 MODE=fast\n"], secrets: [])
    #expect(text == "Authorization: Bearer [redacted]\nexport API_KEY=[redacted] MODE=fast\n")
}

// MARK: - Patterns (issue 17.3): what is redacted without being registered

@Test(arguments: [
    ("mysql --password=hunter2 -u me", "mysql --password=[redacted] -u me"),
    // composer's auth.json: OAuth tokens by host.
    (#"{"github-oauth": {"github.com": "Qk7mP2R7xR9vL"}}"#, #"{"github-oauth": {"github.com": "[redacted]"}}"#),
    ("mysql --password hunter2 -u me", "mysql --password [redacted] -u me"),
    ("openssl enc -pass pass:hunter2", "openssl enc -pass pass:[redacted]"),
    ("curl -u deploy:hunter2 https://example.invalid", "curl -u deploy:[redacted] https://example.invalid"),
    ("curl --user deploy:hunter2 x", "curl --user deploy:[redacted] x"),
    ("git push -u origin main", "git push -u origin main"),
    ("sort -u names.txt", "sort -u names.txt"),
    ("git clone https://me:hunter2@example.invalid/r.git", "git clone https://me:[redacted]@example.invalid/r.git"),
    ("Authorization: Bearer eyJhbGciOi.x", "Authorization: Bearer [redacted]"),
    ("authorization: bearer eyJhbGciOi.x", "authorization: bearer [redacted]"),
    ("-H 'authorization: BEARER abc.def'", "-H 'authorization: BEARER [redacted]'"),
    ("Authorization: Basic dXNlcjpodW50ZXIy", "Authorization: Basic [redacted]"),
    ("Authorization: token ghs_short", "Authorization: token [redacted]"),
    ("password: hunter2", "password: [redacted]"),
    ("  db_password: hunter2 two", "  db_password: [redacted]"),
    (#"{"password": "hunter2", "user": "me"}"#, #"{"password": "[redacted]", "user": "me"}"#),
    (#"{"password":"hunter2","user":"me"}"#, #"{"password":"[redacted]","user":"me"}"#),
    (#"{"accessToken":"hunter2"}"#, #"{"accessToken":"[redacted]"}"#),
    ("export GITHUB_TOKEN=abc123 MODE=fast", "export GITHUB_TOKEN=[redacted] MODE=fast"),
    ("push ghp_0123456789abcdefghijABCDEFGHIJ0123 now", "push ghp_[redacted] now"),
    ("use github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz", "use github_pat_[redacted]"),
    ("token glpat-0123456789abcdefABCD here", "token [redacted] here"),
    ("aws AKIAIOSFODNN7EXAMPLE key", "aws AKIA[redacted] key"),
    ("slack xoxb-1234567890-abcdefghijkl", "slack xoxb-[redacted]"),
    ("openai sk-proj-0123456789abcdefghij", "openai sk-[redacted]"),
])
func patternsAreRedactedWithoutRegistration(input: String, expected: String) {
    #expect(redactAll([input + "\n"], secrets: []) == expected + "\n")
    #expect(SecretPolicy().redact(input) == expected)
}

@Test(arguments: [
    "Get:1 http://deb.debian.org/debian bookworm/main amd64 ripgrep amd64 13.0.0-4+b2 [1,101 kB]",
    "Description: a task-runner for the disk-usage of monkey: business",
    "gpg: key 7EA0A9C3F273FCD8: public key \"Docker Release (CE deb)\" imported",
    "docker login --password-stdin --username me",
    "Package: python3-keyring",
])
func ordinaryTextIsNotRedacted(line: String) {
    #expect(SecretPolicy().redact(line) == line)
}

@Test func argvWordsLoseTheirValuesAsTheJoinedLineWould() {
    let policy = SecretPolicy()
    #expect(policy.redact(words: ["mysql", "--password", "hunter2", "db"]) == ["mysql", "--password", "[redacted]", "db"])
    #expect(policy.redact(words: ["curl", "-u", "me:hunter2", "https://x.invalid"]) == ["curl", "-u", "me:[redacted]", "https://x.invalid"])
    #expect(policy.redact(words: ["curl", "-H", "Authorization: Bearer abc.def"]) == ["curl", "-H", "Authorization: Bearer [redacted]"])
}

@Test func aPieceOfARegisteredSecretIsRedactedNeverPartially() {
    // `echo hunter2` of a 13-character password once printed 7 of its characters.
    let secret = "hunter2-XyZ!9"
    for printed in ["hunter2", "unter2-X", "2-XyZ!9", secret] {
        let text = redactAll(["echo: \(printed)\n"], secrets: [secret])
        #expect(text == "echo: [redacted]\n", "printed \(printed): \(text)")
    }
    #expect(redactAll(["hunt\n"], secrets: [secret]) == "hunt\n", "a piece shorter than the minimum is ordinary text")
}

/// Splits `text` at every offset (and into three parts at a grid of offsets) and checks the
/// redacted stream is always the same as for the whole text.
private func expectSameAtEverySplit(_ text: String, secrets: [String], expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let bytes = Array(text.utf8)
    #expect(redactAll([text], secrets: secrets) == expected, sourceLocation: sourceLocation)
    for cut in 0...bytes.count {
        var stream = SecretPolicy(secrets: secrets).makeStream()
        var out = stream.process(Array(bytes[..<cut])).bytes
        out += stream.process(Array(bytes[cut...])).bytes
        out += stream.finish().bytes
        #expect(String(decoding: out, as: UTF8.self) == expected, "cut at \(cut)", sourceLocation: sourceLocation)
    }
    for first in stride(from: 0, through: bytes.count, by: 7) {
        for second in stride(from: first, through: bytes.count, by: 5) {
            var stream = SecretPolicy(secrets: secrets).makeStream()
            var out = stream.process(Array(bytes[..<first])).bytes
            out += stream.process(Array(bytes[first..<second])).bytes
            out += stream.process(Array(bytes[second...])).bytes
            out += stream.finish().bytes
            #expect(String(decoding: out, as: UTF8.self) == expected, "cuts at \(first), \(second)", sourceLocation: sourceLocation)
        }
    }
}

@Test func everyPatternIsCaughtWhateverTheChunkSplit() {
    let lines = [
        ("run --password hunter2 now\n", "run --password [redacted] now\n"),
        ("curl -u me:hunter2 x\n", "curl -u me:[redacted] x\n"),
        ("Authorization: Basic dXNlcjpodW50ZXIy\n", "Authorization: Basic [redacted]\n"),
        ("password: hunter2\n", "password: [redacted]\n"),
        (#"{"password": "hunter2"}"# + "\n", #"{"password": "[redacted]"}"# + "\n"),
        ("at https://me:hunter2@example.invalid/x ok\n", "at https://me:[redacted]@example.invalid/x ok\n"),
        ("tok ghp_0123456789abcdefghijABCDEFGHIJ0123 ok\n", "tok ghp_[redacted] ok\n"),
        ("x bearer abc.def.ghi y\n", "x bearer [redacted] y\n"),
    ]
    for (line, expected) in lines { expectSameAtEverySplit(line, secrets: [], expected: expected) }
}

@Test func aRegisteredSecretIsCaughtWhateverTheChunkSplit() {
    expectSameAtEverySplit("a Tr0ub4dor-s3cr3t-XyZ b\n", secrets: ["Tr0ub4dor-s3cr3t-XyZ"], expected: "a [redacted] b\n")
}

@Test func aKeyAfterALongWordIsStillCaughtAcrossChunks() {
    // Issue 17: a `key=` after a 600-byte word, its value arriving in the next chunk.
    let word = String(repeating: "w", count: 600)
    for separator in [" ", "&", ""] {
        let text = redactAll([word + separator + "api_key=", "hunter2secret\n"], secrets: [])
        #expect(text == word + separator + "api_key=[redacted]\n", "separator «\(separator)»")
    }
    let option = redactAll([word + " --password", " hunter2secret\n"], secrets: [])
    #expect(option == word + " --password [redacted]\n")
}

@Test func holdbackIsBounded() {
    var stream = SecretPolicy(secrets: ["Tr0ub4dor-s3cr3t-XyZ"]).makeStream()
    let out = stream.process(Array(repeating: UInt8(ascii: "x"), count: 10_000))
    #expect(out.bytes.count >= 10_000 - SecretStream.heldWordBytesMax)
}
