import Foundation
import InstallModel
@testable import Orchestrator
import Testing

/// Round 12's structures, each generated (names, separators, values, cut points drawn at random): argv words
/// whose name says secret, an argument's value with spaces, service tokens by their shape (prefix, separator,
/// random body) with no table, a token longer than a stream holds, a quote inside an unquoted value, a prompt's
/// answer echoed without a space, and SQL, redis ACL and scheme-only URI credentials.
@Suite struct NamedArgvAndShapeSecretTests {
    static let base62 = Array("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789")

    /// `count` random bytes of `alphabet`, with a capital, a small letter and a digit at random places.
    static func randomValue(_ count: Int, _ random: inout SplitMix64, alphabet: [Character] = base62) -> String {
        var value = (0..<count).map { _ in pick(alphabet, &random) }
        for class_ in ["KQXZ", "kqxz", "2479"] { value[Int(random.next() % UInt64(count))] = pick(Array(class_), &random) }
        return String(value)
    }

    static func words(_ count: Int, _ random: inout SplitMix64) -> [String] {
        (0..<count).map { _ in String((0..<(3 + Int(random.next() % 5))).map { _ in pick(Array("abcdefghijkmnopqrstuvwxyz"), &random) }) }
    }

    @Test(arguments: Array(UInt64(1)...60))
    func anArgvWordWhoseNameSaysSecretTakesItsValue(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let value = Self.randomValue(10 + Int(random.next() % 12), &random)
        let tool = pick(["xtool", "/opt/bin/agent", "netcfg", "remote-cli"], &random)
        let part = pick(["pass", "pw", "secret", "token", "auth", "community", "credential", "hmac", "psk", "passphrase", "authpass"], &random)
        let name = pick(["", "db-", "admin_", "snmp-", "priv."], &random) + part
        let forms: [[String]] = [
            ["--\(name)", value], ["-\(name)", value], ["--\(name)=\(value)"], ["/p:\(value)"], ["/pass:\(value)"],
            [pick(["password", "wifi-sec.psk", "passphrase"], &random), value],
            [pick(["-A", "-X", "-c", "-t", "-k"], &random), value], ["-a", "\(pick(["deploy", "bob", "svc.ci"], &random)):\(value)"],
            ["-u", "\(pick(["deploy", "ftp"], &random)),\(value)"],
        ]
        let argv = [tool, pick(["connect", "set", "--verbose", "-v"], &random)] + pick(forms, &random) + [pick(["host.example.org", "--yes", "10.0.0.1"], &random)]
        let shown = SecretPolicy().redact(words: argv)
        #expect(!shown.joined(separator: " ").contains(value), "\(argv) → \(shown)")
        #expect(shown.first == argv.first)
    }

    @Test(arguments: [
        ["tar", "-C", "/tmp/build", "-xzf", "pkg.tar.gz"], ["kubectl", "-n", "kube-system", "get", "pods"], ["docker", "run", "-p", "8080:80", "nginx:1.25"],
        ["git", "commit", "-m", "Fix Parser2 crash"], ["ansible-playbook", "--ask-pass", "site.yml"], ["curl", "--no-auth", "https://example.org/x"],
        ["docker", "build", "-t", "app:20240101", "."], ["sort", "-u", "a,b"], ["kubectl", "get", "secret", "db-creds"], ["sh", "-c", "exit 1"],
    ])
    func anArgvWithoutASecretIsKept(argv: [String]) {
        #expect(SecretPolicy().redact(words: argv) == argv)
    }

    @Test(arguments: Array(UInt64(1)...40))
    func anArgumentsValueIsTheWholeArgument(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let phrase = Self.words(3 + Int(random.next() % 3), &random).joined(separator: " ")
        let element = pick(["POSTGRES_PASSWORD=\(phrase)", "deploy:\(phrase)", "-p\(phrase)", "--password=\(phrase)", "DB_PASS=\(phrase)"], &random)
        let argv: [String]
        switch element.first {
        case "d": argv = ["curl", "-u", element, "https://x"]
        case "-": argv = [element.hasPrefix("-p") ? "mysql" : "tool", element, "db"]
        default: argv = ["docker", "run", "-e", element, "postgres:16"]
        }
        let shown = SecretPolicy().redact(words: argv).joined(separator: " ")
        for word in phrase.split(separator: " ") { #expect(!shown.contains(" \(word)") && !shown.contains("=\(word)") && !shown.contains(":\(word)"), "\(argv) → \(shown)") }
    }

    @Test func aScriptArgumentKeepsTheWordsAfterItsValue() {
        let shown = SecretPolicy().redact(words: ["sh", "-c", "DB_PASSWORD=Kq7mZx2Rw9 make install"])
        #expect(shown[2].hasSuffix(" make install"), "\(shown)")
        #expect(!shown[2].contains("Kq7mZx2Rw9"))
    }

    /// A service token: a prefix naming it (maybe with more parts), a separator, a random body.
    static func serviceToken(_ random: inout SplitMix64) -> (token: String, body: String) {
        let letters = Array("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ")
        var prefix = String((0..<(2 + Int(random.next() % 7))).map { _ in pick(letters, &random) })
        prefix += pick(["", "_tkn", "-1", ".local", "V1"], &random)
        let body = randomValue(24 + Int(random.next() % 40), &random, alphabet: base62 + Array(pick(["", "_-", "+/"], &random)))
        return (prefix + pick(["_", "-", ".", "~"], &random) + body, body)
    }

    @Test(arguments: Array(UInt64(1)...80))
    func aServiceTokenIsFoundByItsShape(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let (token, body) = Self.serviceToken(&random)
        let text = pick(["\(token)", "token \(token)", "export X=\(token)", "  \"value\": \"\(token)\",", "created (\(token))"], &random)
        let shape = GeneratedSecretCase(family: "service-token", text: text, secret: String(body.suffix(16)))
        #expect(leakedText(of: shape, &random) == nil, "\(text)")
    }

    @Test(arguments: [
        "integrity sha512-Y2xlYW4gYW5kIG5vdCBzZWNyZXQgYXQgYWxsIGp1c3QgYSBoYXNoIG9mIGJ5dGVzIQ==",
        "coredns-5d78c9869d-x7k2p   1/1   Running", "id 8f4e2a10-1b2c-4d5e-9f80-a1b2c3d4e5f6 done",
        "build-4d115cea325a65e19cbae530282bd36cb9d21f6b ok", "org.apache.commons.lang3.StringUtilsBean2Factory",
        "v0.0.0-20231010123456-abcdef123456", "numpy-1.26.4-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
        "serde-1a2b3c4d5e6f7a8b.rlib", "Ghc-Package: dense-linear-algebra-0.1.0.0-8pvXk2LmQz4RtY7bNc3WdE", "Fix POD errors identified by Jane Doe and FindBugs2",
        " - crypto_pwhash_scryptsalsa208sha256_STRPREFIX was added", "Get:1 http://deb.debian.org/debian bookworm/main amd64 libssl3 amd64 3.0.11-1~deb12u2 [2,028 kB]",
    ])
    func aChecksumOrANameIsNoServiceToken(text: String) {
        #expect(SecretPolicy().redact(text) == text)
    }

    @Test(arguments: Array(UInt64(1)...12))
    func aTokenLongerThanAStreamHoldsIsRedactedWhole(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let alphabet = Self.base62 + ["-", "_"]
        let payload = Self.randomValue(700 + Int(random.next() % 1700), &random, alphabet: alphabet)
        let jwt = "eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJ" + payload + "." + Self.randomValue(86, &random, alphabet: alphabet)
        var stream = SecretPolicy().makeStream()
        let shown = String(decoding: stream.process(Array(jwt.utf8)).bytes + stream.finish().bytes, as: UTF8.self)
        #expect(!shown.contains(String(payload.prefix(24))) && !shown.contains(String(payload.suffix(24))), "\(shown.prefix(80))")
    }

    @Test(arguments: Array(UInt64(1)...30))
    func aQuoteInsideAnUnquotedValueIsPartOfIt(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let tail = Self.randomValue(8 + Int(random.next() % 6), &random)
        let value = Self.randomValue(2, &random) + pick(["\"", "'"], &random) + tail
        let text = pick(["DB_PASSWORD=\(value)", "export API_TOKEN=\(value)", "password=\(value) next"], &random)
        let shape = GeneratedSecretCase(family: "quote-inside", text: text, secret: tail)
        #expect(leakedText(of: shape, &random) == nil, "\(text)")
        #expect(SecretPolicy().redact("echo \"password=\(tail)\" && ls").hasSuffix("\" && ls"))
    }

    @Test(arguments: Array(UInt64(1)...30))
    func aPromptsAnswerEchoedWithoutASpaceIsRedacted(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let answer = Self.randomValue(8 + Int(random.next() % 8), &random)
        let text = pick([
            "Enter host password for user '\(pick(["deploy", "bob"], &random))':\(answer)", "Enter password for /etc/ssl/private/\(pick(["server", "a"], &random)).key:\(answer)",
            "Password for user \(pick(["admin", "root"], &random)):\(answer)",
        ], &random)
        let shape = GeneratedSecretCase(family: "prompt-no-space", text: text, secret: answer)
        #expect(leakedText(of: shape, &random) == nil, "\(text)")
    }

    @Test(arguments: Array(UInt64(1)...60))
    func sqlRedisAndURIStructuresAreRedacted(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let value = Self.randomValue(10 + Int(random.next() % 10), &random)
        let user = pick(["app", "alice", "svc_1"], &random)
        let text = pick([
            "SET PASSWORD FOR '\(user)'@'localhost' = PASSWORD('\(value)');", "set password = password(\"\(value)\")",
            "ACL SETUSER \(user) on >\(value) ~cached:* +get", "127.0.0.1:6379> acl setuser \(user) >\(value)", "user \(user) on >\(value) ~* &* +@all",
            "\(pick(["sip", "sips", "xmpp"], &random)):\(user):\(value)@\(pick(["sip.example.com", "10.0.0.5:5060"], &random))",
            #"{"url":"https:\/\/\#(user):\#(value)@git.internal\/repo.git"}"#, "postgres://\(user):\(value.prefix(5))/\(value.dropFirst(5))@db.internal/app",
        ], &random)
        let secret = text.hasPrefix("postgres") ? String(value.dropFirst(5)) : value
        let shape = GeneratedSecretCase(family: "sql-redis-uri", text: text, secret: secret)
        #expect(leakedText(of: shape, &random) == nil, "\(text)")
    }

    @Test(arguments: ["https://unpkg.com:443/react@18/umd/react.js", "echo a > out.txt", "x -> y", "npm install @scope/pkg@2.0.1", "mailto:me@example.org"])
    func aPathOrARedirectIsKept(text: String) {
        #expect(SecretPolicy().redact(text) == text)
    }

    @Test(arguments: Array(UInt64(1)...30))
    func aRegisteredSecretInUTF16OrColonHexIsRedacted(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let secret = Self.randomValue(10 + Int(random.next() % 10), &random)
        let policy = SecretPolicy(secrets: [secret])
        let little: [UInt8] = Array(secret.utf8).flatMap { byte -> [UInt8] in [byte, 0] }
        let big: [UInt8] = Array(secret.utf8).flatMap { byte -> [UInt8] in [0, byte] }
        let colonHex = Array(secret.utf8).map { String($0, radix: 16) }.joined(separator: ":")
        let forms: [[UInt8]] = [[0xFF, 0xFE] + little + [0x0A, 0], [0xFE, 0xFF] + big + [0, 0x0A], Array("fingerprint \(colonHex)\n".utf8)]
        let text = pick(forms, &random)
        let cut = Int(random.next() % UInt64(text.count))
        var stream = policy.makeStream()
        let shown = stream.process(Array(text[..<cut])).bytes + stream.process(Array(text[cut...])).bytes + stream.finish().bytes
        #expect(!String(decoding: shown.filter { $0 != 0 }, as: UTF8.self).contains(secret))
        #expect(!String(decoding: shown, as: UTF8.self).contains(colonHex))
    }

    @Test(arguments: Array(UInt64(1)...30))
    func aBareBase64LineHoldingACredentialIsRedacted(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let value = Self.randomValue(10 + Int(random.next() % 10), &random)
        let inner = pick(["password=\(value)", #"{"username": "app", "password": "\#(value)"}"#, "DB_PASSWORD=\(value)\nDB_USER=app\n", "postgres://app:\(value)@db:5432/app"], &random)
        var encoded = Data(inner.utf8).base64EncodedString()
        if random.next() % 2 == 0 { encoded = Data(encoded.utf8).base64EncodedString() }
        let text = pick(["\(encoded)", "  \(encoded)", "\(encoded)\n$ next"], &random)
        #expect(!SecretPolicy().redact(text).contains(String(encoded.prefix(24))), "\(inner) → \(text)")
    }

    @Test(arguments: [
        "MIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJRTESMBAGA1UEChMJQmFsdGltb3JlMRMwEQYDVQQL",
        "aGVsbG8gd29ybGQsIHRoaXMgaXMganVzdCBhIHBsYWluIHNlbnRlbmNlIHdpdGhvdXQgc2VjcmV0cw==",
    ])
    func aBareBase64LineWithoutACredentialIsKept(text: String) {
        #expect(SecretPolicy().redact(text) == text)
    }

    @Test(arguments: Array(UInt64(1)...40))
    func aCodeOrSQLLiteralUnderACredentialNameIsRedacted(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let value = Self.randomValue(10 + Int(random.next() % 10), &random)
        let user = pick(["scott", "app_rw", "svc"], &random)
        let text = pick([
            "ALTER USER \(user) IDENTIFIED BY \(value);", "CREATE USER \(user) IDENTIFIED BY \(value) DEFAULT TABLESPACE users;",
            "ds.\(pick(["setPassword", "setDbPassword", "set_password"], &random))(\"\(value)\");", "{:user=>\"\(user)\", :\(pick(["password", "api_token", "db_password"], &random))=>\"\(value)\"}",
        ], &random)
        let shape = GeneratedSecretCase(family: "code-literal", text: text, secret: value)
        #expect(leakedText(of: shape, &random) == nil, "\(text)")
    }

    @Test(arguments: Array(UInt64(1)...40))
    func aPasswordPositionalOfALoginIsRedacted(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let value = Self.randomValue(8 + Int(random.next() % 10), &random)
        let argv = pick([
            ["cf", "auth", "deploy", value], ["samba-tool", "user", "create", "bob", value], ["pdftk", "in.pdf", "output", "out.pdf", pick(["user_pw", "owner_pw"], &random), value],
            ["unrar", "x", "-p\(value)", "a.rar"], ["isql", "dsn", "deploy", value], ["wpa_passphrase", "HomeNet", value], ["vsql", "-U", "dbadmin", "-w", value],
            ["mc", "admin", "user", "add", "minio", "app", value], ["consul", "acl", "set-agent-token", "agent", value],
        ], &random)
        let shown = SecretPolicy().redact(words: argv)
        #expect(!shown.joined(separator: " ").contains(value), "\(argv) → \(shown)")
    }

    @Test(arguments: Array(UInt64(1)...40))
    func aPasswordEndingInPunctuationIsRedactedWhole(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let value = Self.randomValue(8 + Int(random.next() % 8), &random) + pick([".", ",", ";", ")", "]", "}", ">", "*"], &random)
        let text = pick(["password: \(value)", "DB_PASSWORD: \(value)", "token: \(value)", "mysql --password \(value)", "[sudo] password for deploy: \(value)", "the password is \(value)"], &random)
        let shown = SecretPolicy().redact(text)
        #expect(!shown.contains(String(value.dropLast())), "\(text) → \(shown)")
        if !text.hasPrefix("the") && !text.hasPrefix("[sudo]") { #expect(shown.hasSuffix(SecretPolicy.markerText), "\(text) → \(shown)") }
    }

    @Test(arguments: ["password: required.", "Password: (none)", "token: see docs.", "password: <hidden>"])
    func aSentenceAfterAPasswordNameKeepsItsPunctuation(text: String) {
        #expect(SecretPolicy().redact(text) == text)
    }

    @Test(arguments: Array(UInt64(1)...30))
    func aLowercaseServiceKeyHoldsASecret(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let value = Self.randomValue(20 + Int(random.next() % 12), &random)
        let name = pick(["kaggle", "segment_write", "pagerduty_routing", "sops_age", "netbird_setup"], &random) + "_key"
        let text = pick(["\(name): \(value)", "\(name)=\(value)", "\(name) = \(value)", #""\#(name)": "\#(value)""#], &random)
        let shape = GeneratedSecretCase(family: "lowercase-key", text: text, secret: value)
        #expect(leakedText(of: shape, &random) == nil, "\(text)")
        #expect(SecretPolicy().redact("primary_key: id") == "primary_key: id")
    }
}
