import InstallModel
@testable import Orchestrator
import Testing

private func redactAll(_ chunks: [String], secrets: [String]) -> String {
    var redactor = Redactor(secrets: secrets)
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
        var redactor = Redactor(secrets: [secret])
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
    let redactor = Redactor(secrets: ["s3cr3t"])
    #expect(redactor.redact("curl https://u:s3cr3t@example.invalid/") == "curl https://u:[redacted]@example.invalid/")
}

@Test func bearerTokensAndUnderscoredKeysAreRedacted() {
    let text = redactAll(["Authorization: Bearer eyJhbGciOi.x\nexport API_KEY=abc123 MODE=fast\n"], secrets: [])
    #expect(text == "Authorization: Bearer [redacted]\nexport API_KEY=[redacted] MODE=fast\n")
}
