import Foundation
import InstallModel
@testable import Orchestrator
import Testing

/// Secrets that leaked after round 10 (#24), each generated and checked whole and streamed in random cuts:
/// a credential's name on one line and its value on the next (redis `CONFIG GET`), a key generator's bare
/// output (`wg genkey`), BIP39 seed phrases, a value printed before the sentence that names it (Argo CD),
/// and the same values' look-alikes that must stay.
@Suite struct LinePairAndBareSecretTests {
    static let listedNames = ["requirepass", "masterauth", "db_password", "dbPassword", "api_token", "client-secret", "SECRET_KEY", "adminPassword"]

    /// `count` random bytes in base64, as a key generator prints them.
    static func base64Key(_ count: Int, _ random: inout SplitMix64) -> String {
        var bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        // A mix of letters and digits, as 32 random bytes have in practice.
        bytes[0] = 0xFB
        bytes[1] = 0x5A
        return Data(bytes).base64EncodedString()
    }

    static func mnemonic(_ words: Int, _ random: inout SplitMix64) -> String {
        let list = SecretScan.bip39Words.map { String(decoding: $0, as: UTF8.self) }.sorted()
        return (0..<words).map { _ in pick(list, &random) }.joined(separator: " ")
    }

    @Test func theBIP39ListIsShippedWhole() {
        #expect(SecretScan.bip39Words.count == 2048)
        #expect(SecretScan.bip39Words.allSatisfy { (3...8).contains($0.count) })
    }

    @Test(arguments: Array(UInt64(1)...40))
    func aNameAloneOnItsLineGivesTheNextLineAsItsValue(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let name = pick(Self.listedNames, &random)
        let value = pick([UnlistedSecretFamiliesTests.generated(8 + Int(random.next() % 12), &random), "foobared" + String(random.next() % 1000)], &random)
        let text = pick(
            [
                "\(name)\n\(value)", "1) \"\(name)\"\n2) \"\(value)\"", "127.0.0.1:6379> CONFIG GET \(name)\n1) \"\(name)\"\n2) \"\(value)\"",
                "maxmemory\n0\n\(name)\n\(value)\nport\n6379", "  \(name)\n  \(value)",
            ], &random)
        for shown in UnlistedSecretFamiliesTests.shown(text, &random) {
            #expect(!shown.contains(value), "\(text) → \(shown)")
            #expect(!text.hasPrefix("maxmemory") || shown.contains("port\n6379"), "\(text) → \(shown)")
        }
    }

    @Test func aPlainWordNamedLikeACredentialKeepsAPlainWordBelowIt() {
        for text in ["password\nsrc\nREADME.md", "secrets\ntests", "token\nexpired", "1) \"maxmemory\"\n2) \"0\""] {
            #expect(SecretPolicy().redact(text) == text)
        }
    }

    @Test(arguments: Array(UInt64(1)...30))
    func aKeyGeneratorsWholeOutputIsRedacted(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let key = Self.base64Key(pick([32, 32, 16, 24, 48], &random), &random)
        let bytes = Array((key + "\n").utf8)
        let cut = Int(random.next() % UInt64(bytes.count))
        let streamed = SecretShapePropertyTests.stream([Array(bytes[..<cut]), Array(bytes[cut...])], policy: SecretPolicy(), quietAfter: [])
        #expect(!streamed.contains(key.prefix(20)), "\(key) → \(streamed)")
        #expect(streamed.hasSuffix("\n"))
    }

    @Test func aHashOrAnIdPrintedAloneIsKept() {
        for output in ["3f786850e387550fdab836ed7e6dc881de23001b\n", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n",
            "0d6e4079-e2a4-4fb6-9a3c-5b0b6e2d1f7a\n", "v1.2.3\n", "installed\n"]
        {
            var stream = SecretPolicy().makeStream()
            let out = stream.process(Array(output.utf8)).bytes + stream.finish().bytes
            #expect(String(decoding: out, as: UTF8.self) == output)
        }
        // A base64 line among other output is no key generator's whole output.
        var stream = SecretPolicy().makeStream()
        let text = "checksum of payload:\nq83vEjRWeJASNFZ4kBI0VniQEjRWeJASNFZ4kBI0Vng=\n"
        let out = stream.process(Array(text.utf8)).bytes + stream.finish().bytes
        #expect(String(decoding: out, as: UTF8.self) == text)
    }

    @Test(arguments: Array(UInt64(1)...40))
    func aSeedPhraseIsRedacted(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let phrase = Self.mnemonic(pick([12, 15, 18, 21, 24], &random), &random)
        let text = pick(["\(phrase)", "  \(phrase)", "Your recovery phrase:\n\(phrase)\nWrite it down.", "seed words: \(phrase)"], &random)
        for shown in UnlistedSecretFamiliesTests.shown(text, &random) {
            let words = phrase.split(separator: " ")
            // Every run of three words of the phrase is gone (a cut may leave a word or two at the edge of a write).
            for start in 0..<(words.count - 2) {
                #expect(!shown.contains(words[start..<(start + 3)].joined(separator: " ")), "\(text) → \(shown)")
            }
        }
    }

    @Test func proseOfListWordsIsKept() {
        for text in [
            "the quick brown fox jumps over the lazy dog and then runs away again today",
            "unpacking ability (1.0) over ability (0.9) ...",
            "error: cannot open file, check that it exists and that you have permission to read it",
        ] {
            #expect(SecretPolicy().redact(text) == text)
        }
    }

    @Test(arguments: Array(UInt64(1)...40))
    func aValuePrintedBeforeTheSentenceThatNamesItIsRedacted(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let value = UnlistedSecretFamiliesTests.generated(12 + Int(random.next() % 10), &random)
        let sentence = pick(
            [
                " This password must be only used for first time login. We strongly recommend you update the password using `argocd account update-password`.",
                "This token will not be shown again, store it now.", "Your new password is above; change it after you log in.",
                "The secret above grants full access to the cluster.",
            ], &random)
        let text = value + pick(["\n\n", "\n"], &random) + sentence
        for shown in UnlistedSecretFamiliesTests.shown(text, &random) {
            #expect(!shown.contains(value), "\(text) → \(shown)")
            #expect(shown.contains(sentence), "\(text) → \(shown)")
        }
    }

    @Test func aWordBeforeASentenceAboutSomethingElseIsKept() {
        for text in ["Done\n\nThis password must be changed.", "installed\nThe token was refreshed in 3 s.", "Kq7mX2pLw9Rt\nBuilding the project now for you."] {
            var stream = SecretPolicy().makeStream()
            let out = stream.process(Array((text + "\n").utf8)).bytes + stream.finish().bytes
            #expect(String(decoding: out, as: UTF8.self) == text + "\n")
        }
    }
}

/// Secrets a command line gives as settings or positionals: `redis-cli -h host AUTH X`, `poetry config
/// pypi-token.NAME X`, `poetry config http-basic.REPO user X`, `kubectl create secret --from-literal=k=X`, a value
/// piped into `--password-stdin`, and npm's `_auth` at any length; an `Authorization: Bearer` header inside
/// `sh -c` ends with its token.
@Suite struct CommandSettingSecretTests {
    @Test(arguments: Array(UInt64(1)...60))
    func aSettingNamedForACredentialLosesItsValue(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let value = UnlistedSecretFamiliesTests.generated(10 + Int(random.next() % 12), &random)
        let repo = pick(["pypi", "private", "acme-repo", "gitlab"], &random)
        let host = pick(["redis.internal", "10.0.0.7", "cache"], &random)
        let lines: [[String]] = [
            ["poetry", "config", "pypi-token.\(repo)", value], ["poetry", "config", "--local", "http-basic.\(repo)", "deploy", value],
            ["composer", "config", "--global", "http-basic.\(repo).example.com", "deploy", value],
            ["aws", "configure", "set", "aws_secret_access_key", value], ["aws", "configure", "--profile", "ci", "set", "aws_session_token", value],
            ["npm", "config", "set", "//registry.\(repo).org/:_authToken", value], ["git", "config", "--global", "\(repo).token", value],
            ["redis-cli", "-h", host, "AUTH", value], ["redis-cli", "-h", host, "-p", "6380", "AUTH", "default", value],
            ["/usr/bin/redis-cli", "-h", host, "-n", "2", "auth", value],
            ["kubectl", "-n", "ci", "create", "secret", "generic", "db", "--from-literal=\(repo)=\(value)"],
            ["sh", "-c", "echo \(value) | docker login --password-stdin -u deploy \(host)"],
            ["sh", "-c", "printf '%s' '\(value)' | helm registry login \(host) --username deploy --password-stdin && echo ok"],
            ["bash", "-c", "echo \"\(value)\" | gh auth login --with-token"],
            ["openssl", "passwd", "-6", value], ["mkpasswd", "-m", "sha-512", value], ["rabbitmqctl", "add_user", "deploy", value],
            ["rabbitmqctl", "change_password", "deploy", value], ["mysqladmin", "-u", "root", "password", value],
        ]
        let words = pick(lines, &random)
        let shown = SecretPolicy().redact(words: words)
        #expect(!shown.joined(separator: " ").contains(value), "\(words) → \(shown)")
        #expect(shown.first == words.first)
        #expect(!words.contains("deploy") || shown.contains("deploy"))
    }

    @Test func anOrdinarySettingIsKept() {
        for words in [
            ["poetry", "config", "virtualenvs.in-project", "true"], ["git", "config", "--global", "user.name", "Ada"],
            ["npm", "config", "set", "registry", "https://registry.npmjs.org/"], ["aws", "configure", "set", "region", "eu-west-1"],
            ["redis-cli", "-h", "cache", "GET", "session"],
        ] {
            #expect(SecretPolicy().redact(words: words) == words)
        }
    }

    @Test(arguments: Array(UInt64(1)...30))
    func npmsAuthValueIsRedactedAtAnyLength(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let value = String((0..<(1 + Int(random.next() % 10))).map { _ in pick(secretAlphabet, &random) })
        let key = pick(["_auth", "_password", "//registry.npmjs.org/:_auth", "//npm.acme.dev/:_password"], &random)
        // A registry's key is written `//host/:_auth=X`; a bare one may have spaces around its `=`.
        let text = pick(["\(key)=\(value)", key.hasPrefix("_") ? "\(key) = \(value)" : "\(key)=\(value)", "registry=https://x/\n\(key)=\(value)\nalways-auth=true"], &random)
        let shown = SecretPolicy().redact(text)
        #expect(shown.contains("\(key.split(separator: "/").last!)=[redacted]") || shown.contains("\(key.split(separator: "/").last!) = [redacted]"), "\(text) → \(shown)")
    }

    @Test(arguments: Array(UInt64(1)...30))
    func aBearerTokenInsideAShellArgumentEndsWithTheToken(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let token = UnlistedSecretFamiliesTests.generated(16 + Int(random.next() % 20), &random) + pick(["", ".sig", "-x_y"], &random)
        let after = pick(["; printf 'done\\n'; exit 3", " | tee /tmp/out", " && echo ok", " https://api.example.com/v1"], &random)
        let header = pick(["Authorization: Bearer", "Authorization: bearer", "authorization: Token", "Authorization: Basic"], &random)
        let script = "curl -H \"\(header) \(token)\"\(after)"
        let words = SecretPolicy().redact(words: ["sh", "-c", script])
        #expect(words == ["sh", "-c", "curl -H \"\(header) [redacted]\"\(after)"], "\(script) → \(words)")
        let label = SecretPolicy().redact("sh -c '\(script)'")
        #expect(label == "sh -c 'curl -H \"\(header) [redacted]\"\(after)'", "\(label)")
    }
}
