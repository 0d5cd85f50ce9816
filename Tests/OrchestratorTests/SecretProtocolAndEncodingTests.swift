import Foundation
import InstallModel
@testable import Orchestrator
import Testing

/// The structures the round-8 brief named, generated (seeded): text protocol transcripts (FTP, IMAP,
/// SMTP, redis), the password options and positionals of archivers, Samba, MongoDB, htpasswd, vault and
/// MinIO's client, gRPC metadata and authentication schemes no list has, YAML flow mappings, AWS's
/// `SecretString`, PowerShell's `-AsPlainText`, and credential material in base64 under any key.
@Suite struct SecretProtocolAndEncodingTests {
    private typealias Case = GeneratedSecretCase

    private static func secret(_ random: inout SplitMix64) -> String {
        let body = (0..<(8 + Int(random.next() % 16))).map { _ in String(secretAlphabet[Int(random.next() % UInt64(secretAlphabet.count))]) }.joined()
        return "W" + String(random.next() % 10) + body
    }

    private static func word(_ random: inout SplitMix64) -> String {
        String((0..<(3 + Int(random.next() % 6))).map { _ in Character(String(UnicodeScalar(UInt8(0x61 + Int(random.next() % 26))))) })
    }

    private static func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }

    private static func protocolLine(_ random: inout SplitMix64) -> Case {
        let (user, value) = (word(&random), secret(&random))
        switch random.next() % 4 {
        case 0: return Case(family: "ftp", text: "\(pick(["", "---> ", "C: ", "> "], &random))PASS \(value)", secret: value)
        case 1: return Case(family: "imap", text: "\(word(&random))\(random.next() % 1000) LOGIN \(user) \(pick(["", "\""], &random) == "" ? value : "\"\(value)\"")", secret: value)
        case 2:
            let plain = base64("\0\(user)\0\(value)")
            return Case(family: "smtp", text: "\(pick(["", "C: "], &random))AUTH PLAIN \(plain)", secret: plain)
        default: return Case(family: "redis", text: "\(pick(["", "127.0.0.1:6379> ", "redis> "], &random))AUTH \(pick(["", user + " "], &random))\(value)", secret: value)
        }
    }

    private static func toolOption(_ random: inout SplitMix64) -> Case {
        let (user, value, file) = (word(&random), secret(&random), word(&random))
        let text = pick([
            "zip -P \(value) -r \(file).zip \(file)/", "unzip -P \(value) \(file).zip", "7z \(pick(["a", "x"], &random)) -p\(value) \(file).7z",
            "smbclient //\(file)/share -U \(user)%\(value)", "mongo -u \(user) -p \(value) admin", "mongosh -u \(user) -p \(value)",
            "ssh-keygen -t ed25519 -N \(value) -f \(file)",
        ], &random)
        return Case(family: "tool-option", text: text, secret: value)
    }

    private static func metadata(_ random: inout SplitMix64) -> Case {
        let value = secret(&random)
        let scheme = pick(["Bearer", "SSWS", "GoogleLogin", "Splunk"], &random)
        let text = pick([
            "metadata: map[:authority:[\(word(&random)):443] authorization:[\(scheme) \(value)]]", "map[x-api-key:[\(value)]]",
            "metadata=(('authorization', 'Bearer \(value)'), ('user-agent', '\(word(&random))'))",
            "Metadata(authorization=\(scheme) \(value),user-agent=grpc-java)", "Authorization: \(scheme) \(value)",
        ], &random)
        return Case(family: "metadata", text: text, secret: value)
    }

    private static func structured(_ random: inout SplitMix64) -> Case {
        let value = secret(&random)
        let name = pick(["password", "db_password", "apiKey", "client_secret", "token"], &random)
        switch random.next() % 5 {
        case 3:
            let quote = pick(["\"\"\"", "'''"], &random)
            return Case(family: "toml-multiline", text: "[\(word(&random))]\n\(name) = \(quote)\n\(value)\n\(quote)", secret: value)
        case 4:
            let body = pick(["  type    = string\n", "  description = \"the \(word(&random))\"\n", ""], &random)
            return Case(family: "hcl-variable", text: "variable \"\(name)\" {\n\(body)  default = \"\(value)\"\n}", secret: value)
        case 0: return Case(family: "flow-mapping", text: "\(word(&random)): {user: \(word(&random)), \(name): \(value), host: \(word(&random))}", secret: value)
        case 1: return Case(family: "secret-string", text: "    \"SecretString\": \"\(value)\",", secret: value)
        default:
            let quote = pick(["\"", "'"], &random)
            return Case(family: "plain-text-secure-string", text: "$\(pick(["pw", "cred", "x"], &random)) = ConvertTo-SecureString \(quote)\(value)\(quote) -AsPlainText -Force", secret: value)
        }
    }

    private static func encoded(_ random: inout SplitMix64) -> Case {
        let value = secret(&random)
        let inside = pick([
            "postgres://\(word(&random)):\(value)@\(word(&random))/db", "{\"auths\":{\"\(word(&random)).io\":{\"auth\":\"\(base64(word(&random) + ":" + value))\"}}}",
            "-----BEGIN RSA PRIVATE KEY-----\n\(value)\(value)\n-----END RSA PRIVATE KEY-----\n", "password=\(value)",
        ], &random)
        let payload = base64(inside)
        let key = pick(["conn", "client-key-data", ".dockerconfigjson", "config", word(&random)], &random)
        let text = pick(["  \(key): \(payload)", "\"\(key)\": \"\(payload)\",", "\(key.uppercased().replacingOccurrences(of: "-", with: "_"))=\(payload)"], &random)
        return Case(family: "base64-credential", text: text, secret: payload)
    }

    @Test func generatedShapesNeverComeOut() {
        var random = SplitMix64(seed: 0x8_0C01)
        let generators: [(inout SplitMix64) -> Case] = [Self.protocolLine, Self.toolOption, Self.metadata, Self.structured, Self.encoded]
        var families: [String: Int] = [:]
        for round in 0..<1000 {
            let shape = generators[round % generators.count](&random)
            families[shape.family, default: 0] += 1
            let whole = SecretPolicy().redact(shape.text)
            #expect(!whole.contains(shape.secret), "round \(round) \(shape.family): \(whole.debugDescription)")
            let bytes = Array(("first line\n" + shape.text + "\nlast line\n").utf8)
            let cut = Int(random.next() % UInt64(bytes.count + 1))
            let out = SecretShapePropertyTests.stream([Array(bytes[..<cut]), Array(bytes[cut...])], policy: SecretPolicy(), quietAfter: [])
            #expect(!out.contains(shape.secret), "round \(round) \(shape.family) cut at \(cut): \(out.debugDescription)")
            #expect(out.hasPrefix("first line\n") && out.hasSuffix("\nlast line\n"), "round \(round): \(out.debugDescription)")
        }
        #expect(families.count >= 12 && families.values.allSatisfy { $0 >= 20 }, "\(families)")
    }

    /// `password:` ending its line, the value alone on the next (not indented: no YAML, a prompt's echo).
    @Test func aValueOnTheLineAfterItsKeyIsRedacted() {
        var random = SplitMix64(seed: 0x8_0C02)
        for round in 0..<200 {
            let value = Self.secret(&random)
            let text = "\(pick(["password", "token", "Password", "db_password"], &random)):\n\(value)\n\(Self.word(&random)) done"
            let out = SecretPolicy().redact(text)
            #expect(!out.contains(value) && out.hasSuffix(" done"), "round \(round): \(out.debugDescription)")
        }
    }

    /// Positional secrets of a command line's words: `htpasswd -b FILE USER X`, `vault login X`, `mc alias set N URL AK SK`.
    @Test func positionalSecretsOfACommandLineAreRedacted() {
        var random = SplitMix64(seed: 0x8_0C03)
        for round in 0..<200 {
            let (value, other, user) = (Self.secret(&random), Self.secret(&random), Self.word(&random))
            let words = pick([
                ["htpasswd", "-b", "-c", ".htpasswd", user, value], ["/usr/bin/htpasswd", "-nb", user, value], ["vault", "login", value],
                ["mc", "alias", "set", user, "https://\(user).example", other, value], ["sudo", "vault", "login", value],
            ], &random)
            let out = SecretPolicy().redact(words: words)
            #expect(!out.contains(value) && !out.contains { $0 == other && words.first == "mc" }, "round \(round): \(out)")
            #expect(out.contains(user) || !words.contains(user), "round \(round): \(out)")
        }
    }

    /// What these rules must leave alone: test runners' `PASS file`, messages with `AUTH`/`LOGIN`, hex
    /// checksums and base64 of text or binary without a credential, a cmdlet after a weak name.
    @Test func lookalikesAreKept() {
        var random = SplitMix64(seed: 0x8_0C04)
        for round in 0..<300 {
            let w = Self.word(&random)
            let hex = (0..<64).map { _ in String(Array("0123456789abcdef")[Int(random.next() % 16)]) }.joined()
            let binary = Data((0..<(24 + Int(random.next() % 40))).map { _ in UInt8(random.next() % 256) }).base64EncodedString()
            let text = pick([
                "PASS src/\(w.capitalized).test.js", "PASS  \(w)/index.spec.ts (1.2 s)", "AUTH failed for user \(w)", "LOGIN incorrect",
                "SHA256: \(hex)", "integrity: sha512-\(binary)", "\(w): \(Self.base64("a few words of plain text about \(w), and no credential"))",
                "$\(w) = Get-Credential", "checksum=\(hex)", "IN PROGRESS", "data: \(binary)",
            ], &random)
            #expect(SecretPolicy().redact(text) == text, "round \(round): \(text.debugDescription)")
        }
    }
}
