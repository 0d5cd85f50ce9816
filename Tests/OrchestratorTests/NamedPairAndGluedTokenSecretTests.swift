import Foundation
import InstallModel
@testable import Orchestrator
import Testing

/// secrets20's leftovers (secrets22): a quoted subscript assigned and a long option's name/value pair (#1), variable
/// names that name a credential by a part (#3), netrc's `account` and a cluster join token (#13), a tab inside an
/// unquoted value (#11), the short key names `pass`, `sig`, `pw`, `key` with short random values (#14), vendor tokens
/// by their prefix glued to a body (#17), and a registered secret with every byte escaped or base64'd twice (#6).
/// Names, quoting, spacing, values and write cuts are drawn at random.
@Suite struct NamedPairAndGluedTokenSecretTests {
    /// A value as a generated secret is: small letters, and a capital and a digit after its first byte.
    static func mixedValue(_ count: Int, _ random: inout SplitMix64) -> String {
        var value = (0..<count).map { _ in pick(Array("abcdefghijkmnopqrstuvwxyz"), &random) }
        value[1 + Int(random.next() % UInt64(count / 2))] = pick(Array("ABCDEFGHJKLMNPQRSTUVWXYZ"), &random)
        value[count / 2 + 1 + Int(random.next() % UInt64(count - count / 2 - 1))] = pick(Array("23456789"), &random)
        return String(value)
    }

    static func body(_ count: Int, _ alphabet: String, _ random: inout SplitMix64) -> String {
        String((0..<count).map { _ in pick(Array(alphabet), &random) })
    }

    static let base62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

    /// What `text` shows of `secret`, whole and streamed in up to three writes: nil when nothing.
    static func leak(_ text: String, _ secret: String, _ random: inout SplitMix64, policy: SecretPolicy = SecretPolicy()) -> String? {
        leakedText(of: GeneratedSecretCase(family: "", text: text, secret: secret), &random, policy: policy)
    }

    @Test(arguments: Array(UInt64(1)...40))
    func aQuotedSubscriptAssignedIsAKeyInOutputAndInAScriptArgument(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let secret = NamedArgvAndShapeSecretTests.randomValue(5 + Int(random.next() % 10), &random)
        let name = pick(["DB_PASSWORD", "api_token", "SECRET_KEY", "githubToken", "smtp_pass", "client-secret"], &random)
        let quote = pick(["\"", "'"], &random)
        let frame = pick(["os.environ[", "$_ENV[", "ENV[", "process.env[", "settings["], &random)
        let equals = pick(["=", " = ", "= "], &random)
        let value = name == "smtp_pass" ? secret + "Q7x" : secret
        let line = "\(frame)\(quote)\(name)\(quote)]\(equals)\(quote)\(value)\(quote)"
        if let shown = Self.leak(line, value, &random) { Issue.record("\(line) → \(shown)") }
        let script = "import os; \(line); exit(1)"
        let argv = SecretPolicy().redact(words: ["python3", "-c", script]).joined(separator: " ")
        #expect(!argv.contains(value), "\(script) → \(argv)")
    }

    @Test(arguments: Array(UInt64(1)...40))
    func aLongOptionsCredentialNameTakesTheWordAfterIt(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let secret = NamedArgvAndShapeSecretTests.randomValue(5 + Int(random.next() % 10), &random)
        let option = pick(["--arg", "--argjson", "--var", "--set-env", "--extra-var"], &random)
        let name = pick(["pw", "password", "token", "api_key", "dbPassword", "pass", "secret"], &random)
        let argv = ["jq", "-n", option, name, secret, "{password: $\(name)}"]
        let shown = SecretPolicy().redact(words: argv)
        #expect(!shown.joined(separator: " ").contains(secret), "\(argv) → \(shown)")
        #expect(shown.last == argv.last)
        let script = SecretPolicy().redact(words: ["sh", "-c", argv.joined(separator: " ") + " >/dev/null; exit 1"]).joined(separator: " ")
        #expect(!script.contains(secret), "\(script)")
        // A name that is none (`--arg name bob`), and a switch before a word (`--no-install-recommends pass gnupg`), keep the word.
        let plain = ["jq", "-n", option, pick(["name", "user", "host", "count"], &random), secret]
        #expect(SecretPolicy().redact(words: plain) == plain)
        let install = ["apt-get", "install", "--no-install-recommends", "pass", "gnupg"]
        #expect(SecretPolicy().redact(words: install) == install)
    }

    @Test(arguments: Array(UInt64(1)...40))
    func aVariableNamedForACredentialByAPartHasItsValueTaken(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let secret = Self.mixedValue(8 + Int(random.next() % 8), &random)
        let name = pick(["KUBECONFIG_DATA", "NETRC_BASE64", "BW_SESSION", "APP_SESSION", "SESSION_COOKIE", "AUTH_COOKIE", "STRIPE_KEY", "MAILGUN_KEY"], &random)
        let argv = pick([["env"], ["docker", "run", "--rm", "-e"], ["heroku", "config:set"]], &random) + ["\(name)=\(secret)", "sh", "-c", "exit 1"]
        let shown = SecretPolicy().redact(words: argv).joined(separator: " ")
        #expect(!shown.contains(secret), "\(argv) → \(shown)")
        if let leaked = Self.leak("\(name)=\(secret)", secret, &random) { Issue.record("\(name) → \(leaked)") }
        // Their names alone, or a name's value that is a word or a path, stay.
        for line in ["DESKTOP_SESSION=gnome", "KUBECONFIG=/etc/rancher/k3s/k3s.yaml", "XDG_SESSION_TYPE=wayland"] {
            #expect(SecretPolicy().redact(line) == line)
        }
    }

    @Test(arguments: Array(UInt64(1)...40))
    func aNetrcAccountAndAClusterJoinTokensPasswordAreRedacted(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let secret = NamedArgvAndShapeSecretTests.randomValue(8 + Int(random.next() % 10), &random)
        let prefix = pick(["", "web-1  | ", "error: ", "2026-12-07 21:00:00 INFO "], &random)
        let netrc = prefix + pick(["machine ftp.example.org login u account \(secret)", "machine h login u password x9Yz7qPw account \(secret)", "default login anonymous account \(secret)"], &random)
        if let shown = Self.leak(netrc, secret, &random) { Issue.record("\(netrc) → \(shown)") }
        let digest = Self.body(64, "0123456789abcdef", &random)
        let token = "K10\(digest)::\(pick(["server", "node"], &random)):\(secret)"
        let named = random.next() % 3 == 0
        let line = prefix + (named ? "token: \(token)" : pick([token, "join with \(token) now"], &random))
        if let shown = Self.leak(line, secret, &random) { Issue.record("\(line) → \(shown)") }
        // The CA's digest is public: it stays, unless a credential's name gives the whole token.
        if !named { #expect(SecretPolicy().redact(line).contains(digest)) }
        // `account` in prose, or on a line that is no netrc line, stays.
        let prose = "the account \(secret) was created"
        #expect(SecretPolicy().redact(prose) == prose)
    }

    @Test(arguments: Array(UInt64(1)...30))
    func aTabInsideAnUnquotedValueDoesNotEndIt(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let head = NamedArgvAndShapeSecretTests.randomValue(6 + Int(random.next() % 6), &random)
        let tail = NamedArgvAndShapeSecretTests.randomValue(6 + Int(random.next() % 6), &random)
        let key = pick(["password", "DB_PASSWORD", "api_token", "client_secret"], &random)
        let text = "\(key)=\(head)\t\(tail)"
        let shown = SecretPolicy().redact(text)
        #expect(!shown.contains(head) && !shown.contains(tail), "\(text.debugDescription) → \(shown.debugDescription)")
        // A field after the tab is another field.
        let fields = "\(key)=\(head)\tuser=bob"
        #expect(SecretPolicy().redact(fields).hasSuffix("\tuser=bob"))
    }

    @Test(arguments: Array(UInt64(1)...60))
    func shortKeyNamesTakeAShortRandomValue(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let secret = Self.mixedValue(8 + Int(random.next() % 4), &random)
        let line = pick([
            "pass=\(secret)", "pass: \(secret)", "{\"pass\":\"\(secret)\"}", "smtp:\n  user: bob\n  pass: \(secret)",
            "\"GET /login?user=bob&pass=\(secret) HTTP/1.1\" 200 12", "GET /login?user=bob&pw=\(secret)",
            "https://acct.blob.core.windows.net/c/f?sp=r&sig=\(secret)", "GET /maps/api?key=\(secret)", "sig=\(secret)",
        ], &random)
        if let shown = Self.leak(line, secret, &random) { Issue.record("\(line) → \(shown)") }
        // Words and settings under the same names stay.
        for plain in ["pass=12 fail=0", "sig=SIGTRAP", "auth=none", "pass: ok", "?key=value&x=1", "pass=Summary"] {
            #expect(SecretPolicy().redact(plain) == plain)
        }
    }

    @Test(arguments: Array(UInt64(1)...40))
    func vendorTokensWithAGluedPrefixAreRedactedBare(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let alnum = Self.base62
        let (token, body): (String, String) = {
            switch random.next() % 8 {
            case 0: let b = Self.body(43, "abcdefghijklmnopqrstuvwxyz234567", &random); return ("oy2" + b, b)
            case 1: let b = Self.body(120 + Int(random.next() % 80), alnum, &random); return ("EAA" + b, b)
            case 2: let b = Self.body(32, alnum, &random); return ("ATBB" + b, b)
            case 3: let b = Self.body(134, alnum + "-_", &random); return ("AAAA" + Self.body(7, alnum, &random) + ":APA91b" + b, b)
            case 4: let b = Self.body(60 + Int(random.next() % 40), alnum + "-_", &random); return ("1//0" + b, b)
            case 5: let b = Self.body(32, "0123456789abcdef", &random); return ("key-" + b, b)
            case 6: let b = Self.body(32, "0123456789abcdef", &random); return (b + "-us\(1 + random.next() % 20)", b)
            default: let b = "00" + Self.body(40, alnum + "-_", &random); return ("SSWS " + b, b)
            }
        }()
        let line = pick(["got \(token)", "\(token)", "token was '\(token)' ok", "Authorization: \(token)"], &random)
        if let shown = Self.leak(line, body, &random) { Issue.record("\(line) → \(shown)") }
    }

    @Test(arguments: Array(UInt64(1)...40))
    func aRegisteredSecretWithEveryByteEscapedOrBase64dTwiceIsRedacted(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let secret = NamedArgvAndShapeSecretTests.randomValue(10 + Int(random.next() % 10), &random)
        let bytes = Array(secret.utf8)
        let hex = { (byte: UInt8, upper: Bool) in String(format: upper ? "%02X" : "%02x", byte) }
        let upper = random.next() % 2 == 0
        let form = pick([
            bytes.map { "%" + hex($0, upper) }.joined(), bytes.map { "\\x" + hex($0, upper) }.joined(), bytes.map { "\\u00" + hex($0, false) }.joined(),
            bytes.map { "&#\($0);" }.joined(), Data(Data(bytes).base64EncodedString().utf8).base64EncodedString(),
        ], &random)
        let policy = SecretPolicy(secrets: [secret])
        let line = "value: \(form) end"
        if let shown = Self.leak(line, form, &random, policy: policy) { Issue.record("\(line) → \(shown)") }
    }
}
