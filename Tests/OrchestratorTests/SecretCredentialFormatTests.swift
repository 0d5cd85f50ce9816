import Foundation
import InstallModel
@testable import Orchestrator
import Testing

/// Generated cases of the shapes the round-8 attack found leaking: keys written with escapes (JSON
/// `\uXXXX`, URL encoding) or look-alike letters of other scripts, a value on a later line than its key
/// (AWS SSM's `Name`/`Value`, `password:` then the value, a continued command line), credential files
/// printed as text (htpasswd, shadow, LDIF, wpa_supplicant, age, OpenVPN static keys, SCRAM,
/// Jenkins), csv and SQL rows under a header naming a secret column, OAuth codes in URLs, compiler
/// defines, more spellings of a credential's name, `::add-mask::`, and an OSC 52 clipboard escape.
/// Names, values, quoting and split points are drawn at random (seeded).
@Suite struct SecretCredentialFormatTests {
    typealias Case = GeneratedSecretCase

    static func secret(_ random: inout SplitMix64, length: Int = 0) -> String {
        let count = length > 0 ? length : 12 + Int(random.next() % 14)
        return "Q" + String(random.next() % 10) + String((0..<(count - 2)).map { _ in pick(secretAlphabet, &random) })
    }

    static func word(_ random: inout SplitMix64, _ length: ClosedRange<Int> = 3...8) -> String {
        let count = length.lowerBound + Int(random.next() % UInt64(length.count))
        return String((0..<count).map { _ in Character(UnicodeScalar(UInt8(0x61 + Int(random.next() % 26)))) })
    }

    /// A credential name in a random spelling (separators, case, compounds).
    static func name(_ random: inout SplitMix64) -> String {
        let parts = pick([[], ["db"], ["app"], [word(&random)]], &random) + pick([["password"], ["secret"], ["token"], ["api", "key"], ["passwd"]], &random)
        switch random.next() % 3 {
        case 0: return parts.joined(separator: "_")
        case 1: return parts.joined(separator: "_").uppercased()
        default: return parts[0] + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        }
    }

    static func base64(_ random: inout SplitMix64, _ count: Int) -> String {
        String((0..<count).map { _ in pick(Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"), &random) })
    }

    /// Keys written with escapes or look-alike letters.
    static func disguisedKey(_ random: inout SplitMix64) -> Case {
        let (key, value) = (name(&random), secret(&random))
        var characters = Array(key.unicodeScalars)
        let at = Int(random.next() % UInt64(characters.count))
        switch random.next() % 3 {
        case 0:
            // JSON: a letter of the key as `\u00XX`.
            let escaped = characters.enumerated().map { $0.offset == at ? String(format: "\\u%04x", $0.element.value) : String($0.element) }.joined()
            return Case(family: "json-unicode-escape", text: "{\"\(escaped)\": \"\(value)\", \"user\": \"\(word(&random))\"}", secret: value)
        case 1:
            // URL-encoded JSON (a query parameter holding a JSON object).
            let json = "{\"\(key)\":\"\(value)\",\"user\":\"\(word(&random))\"}"
            let encoded = json.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            return Case(family: "url-encoded-json", text: "GET /cb?state=\(encoded) HTTP/1.1", secret: value)
        default:
            // A Cyrillic or Greek letter that looks like the Latin one.
            let lookalikes: [Character: [String]] = [
                "a": ["\u{0430}", "\u{03B1}"], "e": ["\u{0435}"], "o": ["\u{043E}", "\u{03BF}"], "p": ["\u{0440}", "\u{03C1}"], "c": ["\u{0441}"],
                "x": ["\u{0445}"], "s": ["\u{0455}"], "i": ["\u{0456}"], "k": ["\u{03BA}"], "A": ["\u{0410}", "\u{0391}"], "E": ["\u{0415}"],
                "O": ["\u{041E}", "\u{039F}"], "P": ["\u{0420}", "\u{03A1}"], "S": ["\u{0405}"], "T": ["\u{0422}", "\u{03A4}"], "K": ["\u{041A}", "\u{039A}"],
            ]
            let swappable = characters.indices.filter { lookalikes[Character(characters[$0])] != nil }
            let chosen = swappable.isEmpty ? at : pick(swappable, &random)
            let replacement = lookalikes[Character(characters[chosen])].map { pick($0, &random) } ?? String(characters[chosen])
            characters[chosen] = replacement.unicodeScalars.first!
            let shown = String(String.UnicodeScalarView(characters))
            return Case(family: "lookalike-letter", text: "\(shown)\(pick(["=", ": ", " = "], &random))\(value)", secret: value)
        }
    }

    /// A value on a later line than its key.
    static func laterLine(_ random: inout SplitMix64) -> Case {
        let value = secret(&random)
        switch random.next() % 4 {
        case 3:
            // Each argument on a line of its own (`printf '%s\n' "$@"`).
            let option = pick(["--password", "--token", "--api-key", "--client-secret"], &random)
            return Case(family: "argument-lines", text: "\(word(&random))\n\(option)\n\(value)\n--verbose", secret: value)
        case 0:
            let parameter = "/\(word(&random))/\(word(&random))/\(pick(["password", "db-password", "api_token", "secret_key", "DB_PASSWORD"], &random))"
            let indent = String(repeating: " ", count: 4 + Int(random.next() % 5))
            let lines = ["{", "  \"Parameter\": {", "\(indent)\"Name\": \"\(parameter)\",", "\(indent)\"Type\": \"SecureString\",",
                         "\(indent)\"Value\": \"\(value)\",", "\(indent)\"Version\": \(1 + random.next() % 9)", "  }", "}"]
            return Case(family: "ssm-name-value", text: lines.joined(separator: "\n"), secret: value)
        case 1:
            let key = pick(["password", "Password", "db_password", "secret", "token"], &random)
            return Case(family: "value-next-line", text: "\(key):\n\(pick(["  ", "    ", ""], &random))\(value)\nok", secret: value)
        default:
            let option = pick(["--password", "--token", "--client-secret", "-P"], &random)
            let tool = option == "-P" ? "sqlcmd -U \(word(&random))" : word(&random)
            return Case(family: "continued-command", text: "+ \(tool) \(option) \\\n    \(value) \\\n    --host db", secret: value)
        }
    }

    /// Credential files printed as text.
    static func credentialFile(_ random: inout SplitMix64) -> Case {
        let user = word(&random)
        let salt = String(base64(&random, 8).map { $0 == "+" ? "." : $0 })
        switch random.next() % 12 {
        case 0:
            let hash = "$apr1$\(salt)$" + base64(&random, 22).replacingOccurrences(of: "+", with: ".")
            return Case(family: "htpasswd-apr1", text: "\(user):\(hash)", secret: String(hash.suffix(22)))
        case 1:
            let hash = "$2y$\(pick(["05", "10", "12"], &random))$" + base64(&random, 53).replacingOccurrences(of: "+", with: ".")
            return Case(family: "htpasswd-bcrypt", text: "\(user):\(hash)", secret: String(hash.suffix(30)))
        case 2:
            let hash = "$\(pick(["6", "5", "y$j9T"], &random))$\(salt)$" + base64(&random, 43).replacingOccurrences(of: "+", with: ".")
            return Case(family: "shadow", text: "\(user):\(hash):19\(random.next() % 900 + 100):0:99999:7:::", secret: String(hash.suffix(30)))
        case 3:
            let value = secret(&random)
            return Case(family: "wpa-psk", text: "network={\n\tssid=\"\(word(&random))\"\n\tpsk=\(pick(["\"\(value)\"", value], &random))\n}", secret: value)
        case 4:
            let value = base64(&random, 28) + "="
            return Case(family: "ldif-password", text: "dn: uid=\(user),dc=example,dc=org\nuserPassword:: \(value)\nmail: \(user)@example.org", secret: value)
        case 5:
            let value = "{SSHA}" + base64(&random, 32)
            return Case(family: "ldif-ssha", text: "userPassword: \(value)", secret: String(value.suffix(32)))
        case 6:
            let key = "AGE-SECRET-KEY-1" + String((0..<58).map { _ in pick(Array("QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L"), &random) })
            return Case(family: "age-key", text: "# created: 2026-12-06\n# public key: age1\(word(&random))\n\(key)", secret: String(key.suffix(40)))
        case 7:
            let lines = (0..<4).map { _ in (0..<32).map { _ in String(format: "%x", random.next() % 16) }.joined() }
            let text = "<tls-auth>\n#\n# 2048 bit OpenVPN static key\n#\n-----BEGIN OpenVPN Static key V1-----\n" + lines.joined(separator: "\n")
                + "\n-----END OpenVPN Static key V1-----\n</tls-auth>"
            return Case(family: "openvpn-static-key", text: text, secret: lines[2])
        case 8:
            let value = secret(&random)
            return Case(family: "wpa-passphrase", text: "network={\n\tssid=\"\(word(&random))\"\n\t#psk=\"\(value)\"\n\tpsk=\(base64(&random, 8))\n}", secret: value)
        case 9:
            let stored = base64(&random, 43) + "="
            return Case(family: "scram", text: "\(user) | SCRAM-SHA-256$4096:\(base64(&random, 22))==$\(stored):\(base64(&random, 43))=", secret: stored)
        case 10:
            let value = "{AQAAABAAAAAQ" + base64(&random, 40) + "=}"
            let tag = pick(["password", "secret", "apiToken"], &random)
            return Case(family: "jenkins-password", text: "<\(tag)>\(value)</\(tag)>", secret: String(value.dropFirst().dropLast().suffix(30)))
        default:
            let value = secret(&random)
            return Case(family: "vault-token", text: "Key                  Value\n---                  -----\ntoken                \(value)\ntoken_accessor       \(word(&random))", secret: value)
        }
    }

    /// Tables, queries, URLs and defines.
    static func rowsAndQueries(_ random: inout SplitMix64) -> Case {
        let value = secret(&random)
        switch random.next() % 6 {
        case 0:
            let columns = ["id", "name", pick(["password", "api_token", "secret", "Password"], &random), "email"]
            let rows = (0..<(1 + Int(random.next() % 3))).map { _ in "\(random.next() % 99),\(word(&random)),\(secret(&random)),\(word(&random))@x.org" }
            let row = "\(random.next() % 99),\(word(&random)),\(value),\(word(&random))@x.org"
            return Case(family: "csv-column", text: ([columns.joined(separator: ",")] + rows + [row]).joined(separator: "\n"), secret: value)
        case 1:
            let column = pick(["password", "pwd", "api_key", "token"], &random)
            return Case(
                family: "sql-insert", text: "INSERT INTO users (name, \(column), email) VALUES ('\(word(&random))', '\(value)', '\(word(&random))@x.org');", secret: value)
        case 2:
            let parameter = pick(["code", "refresh_token", "access_token", "id_token"], &random)
            return Case(family: "oauth-url", text: "GET https://app.example/callback?\(parameter)=\(value)&state=\(word(&random)) 302", secret: value)
        case 3:
            let define = pick(["API_SECRET", "DB_PASSWORD", "AUTH_TOKEN", "app.secret"], &random)
            let quote = pick(["", "\\\""], &random)
            return Case(family: "define", text: "cc -O2 -D\(define)=\(quote)\(value)\(quote) -c main.c", secret: value)
        case 4:
            let key = pick(["pass_word", "PASS_WORD", "session_id", "sessionid", "SESSIONID", "pin", "PIN", "cookie", "pass-word"], &random)
            let shown = key.lowercased().contains("pin") ? String((0..<6).map { _ in Character(String(random.next() % 10)) }) : value
            return Case(family: "spelling", text: "\(key)=\(shown)", secret: shown)
        default:
            return Case(family: "set-cookie", text: "< \(pick(["Set-Cookie", "set-cookie"], &random)): \(word(&random))=\(value); Path=/; HttpOnly", secret: value)
        }
    }

    /// Escapes of a CI runner and a terminal.
    static func escapes(_ random: inout SplitMix64) -> Case {
        let value = secret(&random)
        if random.next() % 2 == 0 { return Case(family: "add-mask", text: "::add-mask::\(value)", secret: value) }
        let payload = Data("\(pick(["", "export TOKEN=", "pw "], &random))\(value)".utf8).base64EncodedString()
        return Case(family: "osc52", text: "\u{1B}]52;c;\(payload)\u{07}copied", secret: payload)
    }

    static let families: [@Sendable (inout SplitMix64) -> Case] = [disguisedKey, laterLine, credentialFile, rowsAndQueries, escapes]

    @Test func generatedFormatsNeverComeOut() {
        var random = SplitMix64(seed: 0x9_F0_44A7)
        var families: [String: Int] = [:]
        var leaks: [String: Int] = [:]
        var example: [String: String] = [:]
        for round in 0..<1500 {
            let shape = SecretCredentialFormatTests.families[round % SecretCredentialFormatTests.families.count](&random)
            families[shape.family, default: 0] += 1
            let whole = SecretPolicy().redact(shape.text)
            var out = whole
            if !whole.contains(shape.secret) {
                let bytes = Array(("first line\n" + shape.text + "\nlast line\n").utf8)
                var cuts = (0..<Int(random.next() % 3)).map { _ in Int(random.next() % UInt64(bytes.count + 1)) }.sorted()
                cuts = [0] + cuts + [bytes.count]
                let chunks = zip(cuts, cuts.dropFirst()).map { Array(bytes[$0..<$1]) }
                out = SecretShapePropertyTests.stream(chunks, policy: SecretPolicy(), quietAfter: [])
            }
            if out.contains(shape.secret) {
                leaks[shape.family, default: 0] += 1
                example[shape.family] = example[shape.family] ?? out.debugDescription
            }
        }
        #expect(leaks.isEmpty, "\(leaks) \(example)")
        #expect(families.count >= 25 && families.values.allSatisfy { $0 >= 10 }, "\(families)")
    }
}

/// A registered secret printed in another encoding: base64 of a text holding it wrapped at 64 or 76
/// columns (also streamed, cut at a line end), base32, upper-cased, and a hex dump line as `xxd` and
/// `hexdump -C` print one.
@Suite struct RegisteredSecretEncodingTests {
    static func wrapped(_ text: String, columns: Int) -> String {
        let encoded = Array(Data(text.utf8).base64EncodedString())
        return stride(from: 0, to: encoded.count, by: columns).map { String(encoded[$0..<min(encoded.count, $0 + columns)]) }.joined(separator: "\n")
    }

    static func base32(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var bits = 0, value = 0, out = ""
        for byte in bytes {
            value = value << 8 | Int(byte)
            bits += 8
            while bits >= 5 { out.append(alphabet[(value >> (bits - 5)) & 31]); bits -= 5 }
        }
        if bits > 0 { out.append(alphabet[(value << (5 - bits)) & 31]) }
        return out
    }

    @Test func encodedFormsOfARegisteredSecretAreRedacted() {
        var random = SplitMix64(seed: 0x2E_6E_C0DE)
        var families: [String: Int] = [:]
        for round in 0..<600 {
            let secret = SecretCredentialFormatTests.secret(&random, length: 12 + Int(random.next() % 30))
            let policy = SecretPolicy(secrets: [secret])
            let filler = (0..<Int(random.next() % 90)).map { _ in pick(secretAlphabet, &random) }
            let (family, text, shown): (String, String, String)
            switch round % 5 {
            case 0:
                let columns = pick([64, 76], &random)
                let document = "apiVersion: v1\nkind: Config\nusers:\n- name: x\n  user:\n    token: \(secret)\n" + String(filler)
                text = RegisteredSecretEncodingTests.wrapped(document, columns: columns)
                (family, shown) = ("wrapped-base64", text.replacingOccurrences(of: "\n", with: ""))
            case 1:
                let offset = Int(random.next() % 3)
                text = "secret: " + RegisteredSecretEncodingTests.base32(Array(String(filler.prefix(offset)).utf8) + Array(secret.utf8))
                (family, shown) = ("base32", text)
            case 2:
                text = "ECHO \(secret.uppercased()) DONE"
                (family, shown) = ("upper-cased", text)
            default:
                // The secret inside a file, dumped 16 bytes a line: it may run over a line's end.
                let bytes = Array((String(filler.prefix(Int(random.next() % 24))) + secret + "\n").utf8)
                let lines = stride(from: 0, to: bytes.count, by: 16).map { start -> String in
                    let line = Array(bytes[start..<min(bytes.count, start + 16)])
                    let hex = line.map { String(format: "%02x", $0) }
                    let shownText = String(decoding: line.map { $0 >= 0x20 && $0 < 0x7F ? $0 : 0x2E }, as: UTF8.self)
                    if round % 5 == 3 {
                        let groups = stride(from: 0, to: hex.count, by: 2).map { hex[$0..<min(hex.count, $0 + 2)].joined() }.joined(separator: " ")
                        return String(format: "%08x: ", start) + groups + "  " + shownText
                    }
                    return String(format: "%08x  ", start) + hex.joined(separator: " ") + "  |" + shownText + "|"
                }
                text = lines.joined(separator: "\n")
                (family, shown) = (round % 5 == 3 ? "xxd" : "hexdump", "")
            }
            families[family, default: 0] += 1
            let out = policy.redact(text)
            let encodedSecretGone = family == "wrapped-base64" ? !out.replacingOccurrences(of: "\n", with: "").contains(String(decoding: SecretEncodings.base64Core(of: Array(secret.utf8), offset: 0).prefix(16), as: UTF8.self))
                && out.components(separatedBy: "\n").count == text.components(separatedBy: "\n").count : out != text
            #expect(encodedSecretGone && !out.uppercased().contains(secret.uppercased()), "round \(round) \(family): \(text.debugDescription) → \(out.debugDescription)")
            if family == "xxd" || family == "hexdump" {
                // Neither the secret's text nor its end's bytes in hex are left on any line.
                let tail = Array(secret.utf8.suffix(4)).map { String(format: "%02x", $0) }
                let compact = out.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "\n", with: "")
                #expect(!compact.contains(tail.joined()) && !out.contains(String(secret.suffix(6))), "round \(round) \(family): \(out.debugDescription)")
            }
            _ = shown
            if family == "wrapped-base64" {
                // Streamed: a cut at a line end between the lines the form runs over.
                let bytes = Array((text + "\n").utf8)
                let lineEnds = bytes.indices.filter { bytes[$0] == 0x0A }
                let cut = pick(lineEnds, &random) + 1
                let streamed = SecretShapePropertyTests.stream([Array(bytes[..<cut]), Array(bytes[cut...])], policy: policy, quietAfter: [])
                #expect(streamed.replacingOccurrences(of: "\n", with: "") == out.replacingOccurrences(of: "\n", with: "") + "", "round \(round) streamed cut \(cut): \(streamed.debugDescription)")
            }
        }
        #expect(families.values.allSatisfy { $0 >= 100 }, "\(families)")
    }
}

/// What the new rules must leave alone: checksums and commit ids, versions, UUIDs, tables and SQL without
/// a credential column, apt's `Pin:`, error codes, shell variables after a colon, words of other
/// scripts, percent signs and escapes that hide no key, public keys and certificates.
@Test func credentialFormatLookalikesAreKept() {
    var random = SplitMix64(seed: 0x4E_6A71_7E)
    let hex = { (count: Int, random: inout SplitMix64) in String((0..<count).map { _ in pick(Array("0123456789abcdef"), &random) }) }
    for round in 0..<400 {
        let w = SecretCredentialFormatTests.word(&random)
        let text = pick([
            "\(hex(64, &random))  \(w)_1.2.\(round)_amd64.deb", "commit \(hex(40, &random))\nAuthor: \(w) <\(w)@x.org>",
            "Get:\(round) http://deb.debian.org/debian bookworm/main amd64 lib\(w) 1:2.\(round)-1 [\(round) kB]",
            "id,name,version,sha256\n\(round),\(w),1.\(round),\(hex(64, &random))", "INSERT INTO pkgs (name, version) VALUES ('\(w)', '1.\(round)');",
            "Package: \(w)\nPin: release a=stable\nPin-Priority: 900", "exit code=\(round % 256)", "Code: AccessDenied\nMessage: Access Denied",
            "PATH=/usr/bin:$HOME/bin:$PATH", "Москва — столица России, пароль не задан", "progress 45% done, 100%\\n ok",
            "uuid \(hex(8, &random))-\(hex(4, &random))-\(hex(4, &random))-\(hex(4, &random))-\(hex(12, &random))",
            "-----BEGIN CERTIFICATE-----\nMIIB\(hex(40, &random))\n-----END CERTIFICATE-----", "-----BEGIN PGP PUBLIC KEY BLOCK-----\nmQEN\(hex(40, &random))\n-----END PGP PUBLIC KEY BLOCK-----",
            " name | version \n------+---------\n \(w) | 1.\(round)", "echo \"\\u001b[0m\" done", "The Ελληνικά and кириллица words",
        ], &random)
        #expect(SecretPolicy().redact(text) == text, "round \(round): \(text.debugDescription) → \(SecretPolicy().redact(text).debugDescription)")
    }
}
