import Foundation
import InstallModel
@testable import Orchestrator
import Testing

/// secrets15's open shapes, by structure (round 15): what the text rules find inside a hex dump (`curl --trace`), an
/// RTMP publish URL's stream key, the directives of network devices and daemons, `ipsec.secrets` lines, a credential
/// as a symbol of a data literal (Erlang, Clojure, PHP `serialize`), host-keyed credential maps and Maven's braced
/// passwords, a camel-cased `…InMemoryKey`, and Vault's versioned key maps. Each drawn at random; each with near misses.
@Suite struct DeviceAndDataFormatSecretTests {
    static func value(_ random: inout SplitMix64) -> String { NamedArgvAndShapeSecretTests.randomValue(10 + Int(random.next() % 20), &random) }
    static func hex(_ digits: Int, _ random: inout SplitMix64) -> String { SessionKeyLineSecretTests.hex(digits, &random).uppercased() }
    static func base64(_ bytes: Int, _ random: inout SplitMix64) -> String {
        Data((0..<bytes).map { _ in UInt8(truncatingIfNeeded: random.next()) }).base64EncodedString()
    }

    /// Expects `secret` hidden in `text`, redacted whole and streamed in random writes (`leakedText`).
    static func expectHidden(
        _ secret: String, in text: String, family: String, _ random: inout SplitMix64, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(leakedText(of: GeneratedSecretCase(family: family, text: text, secret: secret), &random) == nil, "\(text)", sourceLocation: sourceLocation)
    }

    /// `text` as `curl --trace` dumps it (16 bytes a line, hex, then the characters) or as `xxd` does (pairs of bytes).
    static func hexDump(_ text: String, xxd: Bool) -> String {
        let bytes = Array(text.utf8)
        return stride(from: 0, to: bytes.count, by: 16).map { offset in
            let line = Array(bytes[offset..<min(offset + 16, bytes.count)])
            let digits = line.map { String(format: "%02x", $0) }
            let hex = xxd
                ? stride(from: 0, to: digits.count, by: 2).map { digits[$0..<min($0 + 2, digits.count)].joined() }.joined(separator: " ").padding(toLength: 39, withPad: " ", startingAt: 0)
                : digits.joined(separator: " ").padding(toLength: 47, withPad: " ", startingAt: 0)
            let shown = String(line.map { $0 >= 0x20 && $0 < 0x7F ? Character(UnicodeScalar($0)) : "." })
            return (xxd ? String(format: "%08x: ", offset) : String(format: "%04x: ", offset)) + hex + (xxd ? "  " : " ") + shown
        }.joined(separator: "\n") + "\n"
    }

    @Test(arguments: Array(UInt64(1)...60))
    func aCredentialInsideAHexDumpIsRedactedInTheHexAndTheCharacters(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let token = Self.value(&random)
        let request = pick([
            "Authorization: Bearer \(token)\r\n", "Authorization: Basic \(token)\r\n", "X-Api-Key: \(token)\r\n", "PRIVATE-TOKEN: \(token)\r\n",
            "user=deploy&password=\(token)&submit=1", "{\"client_secret\":\"\(token)\"}",
        ], &random)
        let before = pick(["GET /v1/items HTTP/1.1\r\nHost: api.example.org\r\n", "POST /login HTTP/1.1\r\n", ""], &random)
        let xxd = random.next() % 2 == 0
        let dump = Self.hexDump(before + request + "Accept: */*\r\n", xxd: xxd)
        let text = "=> Send header, \(dump.utf8.count) bytes\n" + dump + "== Info: upload completely sent off\n"
        let shown = SecretPolicy().redact(text)
        let tokenHex = token.utf8.map { String(format: "%02x", $0) }.joined()
        let joined = shown.replacingOccurrences(of: " ", with: "")
        for start in 0...(token.count - 6) {
            let piece = String(Array(token)[start..<(start + 6)])
            #expect(!shown.contains(piece), "a piece of the token in the characters: \(shown)")
            let hexPiece = String(Array(tokenHex)[(start * 2)..<(start * 2 + 12)])
            #expect(!joined.contains(hexPiece), "a piece of the token in the hex: \(shown)")
        }
        #expect(shown.hasPrefix("=> Send header") && shown.hasSuffix("== Info: upload completely sent off\n"), "the lines around stay: \(shown)")
        #expect(shown.split(separator: "\n").count == text.split(separator: "\n").count, "no line is lost: \(shown)")
    }

    @Test(arguments: Array(UInt64(1)...60))
    func theStreamKeyOfAnRTMPPublishURLIsRedacted(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let key = pick([
            Self.value(&random), (0..<5).map { _ in NamedArgvAndShapeSecretTests.words(1, &random)[0].prefix(4) }.joined(separator: "-"),
            "FB-\(random.next() % 1_000_000_000)-0-\(Self.value(&random))", "live_\(random.next() % 1_000_000_000)_\(Self.value(&random))",
        ], &random)
        let scheme = pick(["rtmp", "rtmps", "RTMP", "rtmpe", "rtmpt"], &random)
        let host = pick(["live.internal", "a.rtmp.youtube.com", "live-api-s.facebook.com:443", "10.0.0.7:1935"], &random)
        let app = pick(["app", "live2", "rtmp", "live"], &random)
        let url = "\(scheme)://\(host)/\(app)/\(key)"
        let text = pick([
            "ffmpeg -re -i in.mp4 -c copy -f flv \(url)", "Output #0, flv, to '\(url)':", "[rtmp @ 0x55d0] Opening '\(url)' for writing",
            "stream_url = \"\(url)\"",
        ], &random)
        Self.expectHidden(key, in: text, family: "rtmp", &random)
        #expect(SecretPolicy().redact(text).contains("\(scheme)://\(host)/\(app)/"), "the server and application stay")
    }

    @Test(arguments: Array(UInt64(1)...80))
    func theValueOfADeviceDirectiveIsRedacted(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let secret = Self.value(&random)
        let encrypted = Self.hex(2 * (6 + Int(random.next() % 10)), &random)
        let user = NamedArgvAndShapeSecretTests.words(1, &random)[0]
        let indent = pick(["", " ", "  "], &random)
        let (line, hidden) = pick([
            ("radius-server key \(secret)", secret), ("tacacs-server key \(secret)", secret), ("tacacs-server key 7 \(encrypted)", encrypted),
            ("\(indent)key-string \(secret)", secret), ("\(indent)key-string 7 \(encrypted)", encrypted),
            ("\(indent)ip ospf message-digest-key \(1 + random.next() % 9) md5 \(secret)", secret),
            ("ntp authentication-key \(1 + random.next() % 9) md5 \(secret)", secret), ("crypto isakmp key \(secret) address 203.0.113.7", secret),
            ("username \(user) secret 0 \(secret)", secret), ("username \(user) password 7 \(encrypted)", encrypted),
            ("snmp-server community \(secret) RO", secret), ("rocommunity \(secret) default", secret), ("rwcommunity6 \(secret) fd00::/8", secret),
            ("\(indent)community \(secret)", secret), ("rocommunity \(secret)", secret),
        ], &random)
        let text = pick(["!\n\(line)\n!\n", "\(line)\n", "hostname core1\n\(line)\nend\n"], &random)
        Self.expectHidden(hidden, in: text, family: "device", &random)
    }

    @Test(arguments: Array(UInt64(1)...60))
    func theSecretOfAnIPsecSecretsLineIsRedacted(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let secret = Self.value(&random)
        let selectors = pick(["%any", "10.0.0.1 10.0.0.2", "@moon.example.org @sun.example.org", NamedArgvAndShapeSecretTests.words(1, &random)[0], ""], &random)
        let (type, hidden, written) = pick([
            ("PSK", secret, "\"\(secret)\""), ("EAP", secret, "\"\(secret)\""), ("XAUTH", secret, "\"\(secret)\""), ("NTLM", secret, "'\(secret)'"),
            ("RSA moon.key", secret, "\"\(secret)\""), ("PSK", "0x" + Self.hex(32, &random), ""), ("PSK", "0s" + Self.base64(24, &random), ""),
        ], &random)
        let line = (selectors.isEmpty ? "" : selectors + " ") + ": \(type) " + (written.isEmpty ? hidden : written)
        let text = pick(["# ipsec.secrets\n\(line)\n", "\(line)\n", "\(line) # moon\n"], &random)
        Self.expectHidden(hidden, in: text, family: "ipsec", &random)
        #expect(SecretPolicy().redact(text).contains(": \(type) "), "the type stays")
    }

    @Test(arguments: Array(UInt64(1)...60))
    func aCredentialAsASymbolOfADataLiteralLosesItsString(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let secret = Self.value(&random)
        let name = pick(["password", "db_password", "api_token", "secret"], &random)
        let text = pick([
            "a:2:{s:4:\"user\";s:3:\"app\";s:\(name.count):\"\(name)\";s:\(secret.count):\"\(secret)\";}",
            "[{username, \"app\"}, {\(name), \"\(secret)\"}]", "{\(name),\"\(secret)\"}",
            "{:user \"app\", :\(name) \"\(secret)\"}", "(def config {:\(name.replacingOccurrences(of: "_", with: "-")) \"\(secret)\"})",
        ], &random)
        Self.expectHidden(secret, in: text, family: "symbol", &random)
    }

    @Test(arguments: Array(UInt64(1)...60))
    func registryCredentialFilesLoseTheirSecrets(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let secret = Self.value(&random)
        // An armored PGP secret key's body (what Gradle's in-memory signing key holds) is long.
        let armored = Self.base64(48 + Int(random.next() % 48), &random)
        let host = pick(["gitlab.internal", "repo.example.org", "git.example.com:8443"], &random)
        let (text, hidden) = pick([
            ("{\n    \"\(pick(["gitlab-token", "bearer", "github-oauth"], &random))\": {\n        \"\(host)\": \"\(secret)\"\n    }\n}\n", secret),
            ("<settingsSecurity>\n  <master>{\(Self.base64(24, &random))}</master>\n</settingsSecurity>\n", ""),
            ("<server>\n  <id>central</id>\n  <password>{\(Self.base64(32, &random))}</password>\n</server>\n", ""),
            ("ORG_GRADLE_PROJECT_signingInMemoryKey=\(armored)\n", armored), ("signingInMemoryKey: \(armored)\n", armored),
        ], &random)
        let braced = hidden.isEmpty ? String(text.split(separator: "{")[1].split(separator: "}")[0]) : hidden
        Self.expectHidden(braced, in: text, family: "registry", &random)
    }

    @Test(arguments: Array(UInt64(1)...40))
    func theKeysOfAVersionedKeyMapAreRedacted(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let keys = (0..<(1 + Int(random.next() % 3))).map { _ in Self.base64(32, &random) }
        let text = pick([
            "Key     Value\n---     -----\nkeys    map[\(keys.enumerated().map { "\($0.offset + 1):\($0.element)" }.joined(separator: " "))]\nname    app-key\n",
            "{\"data\":{\"keys\":{\(keys.enumerated().map { "\"\($0.offset + 1)\":\"\($0.element)\"" }.joined(separator: ","))},\"name\":\"app-key\",\"type\":\"aes256-gcm96\"}}\n",
            "{\n  \"keys\": {\n    \(keys.enumerated().map { "\"\($0.offset + 1)\": \"\($0.element)\"" }.joined(separator: ", "))\n  }\n}\n",
        ], &random)
        let shown = SecretPolicy().redact(text)
        for key in keys { #expect(!shown.contains(key), "\(shown)") }
        #expect(shown.contains("app-key") || shown.contains("keys"), "the rest stays")
    }

    @Test(arguments: ["GET / HTTP/1.1\r\nHost: example.org\r\nUser-Agent: curl/8.5.0\r\nAccept: */*\r\n\r\n", "sha256sum: 3f2a9c0e1b7d4f6a8c2e0b9d7f5a3c1e\n"].flatMap {
        [Self.hexDump($0, xxd: false), Self.hexDump($0, xxd: true)]
    } + [
        // RTMP URLs without a stream key
        "ffmpeg -i rtmp://live.internal/live -c copy out.mp4", "rtmp://media.example.org/vod/movie-2024.mp4", "rtmp://live.internal/app/",
        // lines that are no directive's credential (and kubelet's secret reference, F17)
        "Host key verification failed.\n", "Press any key to continue\n", "apt-key list\n", "join the community today\n", "key-string\n",
        "community edition 2024 released\n", "The community string public is the default\n", "sshd: key exchange done\n",
        "Error: couldn't find key password in Secret default/db-credentials\n",
        // colon lines of another shape than ipsec.secrets
        "Status : OK \"done\"\n", "Note : WARN \"see the manual\"\n", "a : B c\n", "10.0.0.1 : PSK\n",
        // symbols naming no credential, or without a string
        "{password, Password}", "(:password config)", "{:user \"app\", :role \"admin\"}", "[{username, \"app\"}]", "a:1:{s:4:\"user\";s:3:\"app\";}",
        // registry files without a credential
        "{\n  \"repositories\": {\n    \"packagist.org\": false\n  }\n}\n", "<version>{1.2}</version>\n", "sessionCacheKey=users\n",
        "{\n  \"require\": {\n    \"php\": \">=8.1\"\n  }\n}\n",
        // key maps of times, or of public keys
        "{\"keys\": [{\"kty\": \"RSA\", \"e\": \"AQAB\", \"kid\": \"2024-01\"}]}\n", "keys    map[1:1712345678 2:1712349999]\n",
        "{\"keys\":{\"1\":1712345678}}\n", "latest_version    2\nkeys    map[]\n",
    ])
    func aNearMissOfEachShapeIsKept(text: String) {
        #expect(SecretPolicy().redact(text) == text)
    }
}
