import Foundation
import InstallModel
@testable import Orchestrator
import Testing

/// An attack corpus generated from the structures secrets come in that a list of shapes misses: keys and
/// values on separate lines (YAML block scalars, pretty-printed JSON, INI continuations), escapes inside
/// a key, other separators (`=>`, `->`, full-width), sentences, markup, SQL, credential words in other
/// languages, cookies, scp-style and form-encoded credentials, a bare AWS secret, a token's beginning
/// released at a quiet moment, and a key on one channel with its value on the other. Names, words,
/// separators, quoting, surroundings and split points are drawn at random (seeded).
@Suite struct SecretAttackCorpusTests {
    typealias Case = GeneratedSecretCase

    /// A random credential: letters and digits, with a capital and a digit.
    private static func secret(_ random: inout SplitMix64, length: Int = 0) -> String {
        let count = length > 0 ? length : 10 + Int(random.next() % 16)
        let body = (0..<(count - 2)).map { _ in String(secretAlphabet[Int(random.next() % UInt64(secretAlphabet.count))]) }.joined()
        return "Z" + String(random.next() % 10) + body
    }

    /// A word of lowercase letters (a name, a host part, a filler word).
    private static func word(_ random: inout SplitMix64, _ length: ClosedRange<Int> = 3...8) -> String {
        let count = length.lowerBound + Int(random.next() % UInt64(length.count))
        return String((0..<count).map { _ in Character(String(UnicodeScalar(UInt8(0x61 + Int(random.next() % 26))))) })
    }

    /// A credential key: an English name in a random spelling, or a word of the multilingual vocabulary
    /// in a random case.
    private static func key(_ random: inout SplitMix64, english: Bool = false) -> String {
        if !english, random.next() % 2 == 0 {
            let entry = pick(CredentialVocabulary.entries.filter { $0 != "identified by" }, &random)
            return pick([entry, entry.uppercased(), entry.capitalized], &random)
        }
        let parts = pick([[], ["db"], ["app"], [word(&random)]], &random) + pick([["password"], ["passwd"], ["secret"], ["token"], ["api", "key"], ["client", "secret"]], &random)
        switch random.next() % 3 {
        case 0: return parts.joined(separator: "_")
        case 1: return parts.joined(separator: "_").uppercased()
        default: return parts[0] + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        }
    }

    private static func separated(_ random: inout SplitMix64) -> Case {
        let (name, value) = (key(&random), secret(&random))
        let separator = pick([" => ", "=>", " -> ", "->", "：", "＝", " ＝ ", ": ", "="], &random)
        let quote = separator.contains(">") ? pick(["", "'", "\""], &random) : ""
        // A quoted value may end a list item or statement; a bare one so ended is prose (`password: see below.`).
        let text = "\(quote)\(name)\(quote)\(separator)\(quote)\(value)\(quote)" + (quote.isEmpty ? "" : pick(["", ",", ";"], &random))
        return Case(family: "separator", text: text, secret: value)
    }

    private static func multiline(_ random: inout SplitMix64) -> Case {
        let (name, value) = (key(&random, english: random.next() % 3 != 0), secret(&random))
        let indent = String(repeating: " ", count: Int(random.next() % 4))
        let deeper = indent + String(repeating: " ", count: 1 + Int(random.next() % 4))
        let filler = secret(&random)
        switch random.next() % 4 {
        case 0:
            let indicator = pick(["|", ">", "|-", ">+", "|2"], &random)
            let lines = [filler, value].shuffled(using: &random).map { deeper + $0 }.joined(separator: "\n")
            return Case(family: "yaml-block", text: "\(indent)\(name): \(indicator)\n\(lines)\n\(indent)next: 1", secret: value)
        case 1:
            let quote = pick(["\"", ""], &random)
            return Case(family: "json-newline", text: "{\n\(indent)\"\(name)\":\n\(deeper)\(quote)\(value)\(quote)\n}", secret: value)
        case 2:
            return Case(family: "ini-next-line", text: "[\(word(&random))]\n\(name) =\n\(deeper)\(value)\nuser = \(word(&random))", secret: value)
        default:
            return Case(family: "continuation", text: "\(name) = \(filler)\n\(deeper)\(value)\nother = 1", secret: value)
        }
    }

    private static func hidden(_ random: inout SplitMix64) -> Case {
        let (name, value) = (key(&random, english: true), secret(&random))
        // Escapes and controls a terminal hides, format characters (zero-width, bidi, soft hyphen, BOM, tags).
        let escape = pick([
            "\u{1B}[0m", "\u{1B}[1;31m", "\0", "\u{1B}]0;title\u{07}", "\u{1B}(B", "\u{08}", "\u{200B}", "\u{200D}", "\u{202E}",
            "\u{2066}", "\u{2069}", "\u{FEFF}", "\u{00AD}", "\u{2060}", "\u{061C}", "\u{E0041}",
        ], &random)
        var characters = Array(name)
        if random.next() % 4 == 0 {
            // Full width (`ｐａｓｓｗｏｒｄ`), as the fold of ASCII U+FF01…U+FF5E.
            characters = characters.map { Character(UnicodeScalar(UInt32($0.asciiValue!) - 0x21 + 0xFF01)!) }
        }
        characters.insert(contentsOf: escape, at: 1 + Int(random.next() % UInt64(characters.count - 1)))
        let separator = pick(["=", ": ", " = ", "\u{FF1D}", "\u{FF1A}"], &random)
        return Case(family: "hidden-in-key", text: String(characters) + separator + value, secret: value)
    }

    private static func prose(_ random: inout SplitMix64) -> Case {
        let value = secret(&random)
        let name = pick(["password", "Password", "token", "API token", "secret", "Passwort", "passwd"], &random)
        let fillers = (0..<Int(random.next() % 3)).map { _ in word(&random) }
        let link = pick(["is", "was", "is set to", "for \(word(&random)):", "of user \(word(&random)) is", "ist"], &random)
        let words = ([pick(["the", "your", "new", "The"], &random), name] + fillers + [link]).joined(separator: " ")
        return Case(family: "prose", text: words + " " + value + pick(["", ".", " now"], &random), secret: value)
    }

    private static func markup(_ random: inout SplitMix64) -> Case {
        let (name, value) = (key(&random, english: true), secret(&random))
        switch random.next() % 4 {
        case 0: return Case(family: "xml-element", text: "<config><\(name)>\(value)</\(name)></config>", secret: value)
        case 1: return Case(family: "xml-attribute", text: "<user \(name)=\"\(value)\" name=\"\(word(&random))\"/>", secret: value)
        case 2: return Case(family: "php-array", text: "$cfg = ['\(name)' => '\(value)', 'host' => 'db'];", secret: value)
        default:
            let statement = pick(["CREATE USER \(word(&random)) IDENTIFIED BY", "ALTER USER 'u'@'%' identified by", "CREATE ROLE r WITH LOGIN PASSWORD"], &random)
            return Case(family: "sql", text: "\(statement) '\(value)';", secret: value)
        }
    }

    private static func cookie(_ random: inout SplitMix64) -> Case {
        let value = secret(&random)
        let pairs = (0..<Int(random.next() % 3)).map { _ in "\(word(&random))=\(secret(&random))" } + ["\(word(&random))=\(value)"]
        let shuffled = pairs.shuffled(using: &random).joined(separator: "; ")
        let attributes = pick(["", "; Path=/", "; Path=/; HttpOnly; Secure", "; Max-Age=3600; SameSite=Lax"], &random)
        let text = pick([
            "Cookie: \(shuffled)", "< Set-Cookie: \(shuffled)\(attributes)", "curl --cookie '\(shuffled)' https://x.invalid/",
            "> cookie: \(shuffled)",
        ], &random)
        return Case(family: "cookie", text: text, secret: value)
    }

    private static func credentialInWord(_ random: inout SplitMix64) -> Case {
        let value = secret(&random)
        switch random.next() % 3 {
        case 0:
            let host = pick([word(&random) + ".example", word(&random), "10.0.0.7"], &random)
            let path = pick([":/tmp/\(word(&random))", ":\(word(&random)).tar", "/srv/x"], &random)
            return Case(family: "scp", text: "\(pick(["scp", "rsync -a", "copying"], &random)) \(word(&random)):\(value)@\(host)\(path)", secret: value)
        case 1:
            let encoded = value.prefix(4) + pick(["%40", "%21", "%2F", "%3D"], &random) + value.dropFirst(4)
            let body = ["user=\(word(&random))", "\(key(&random, english: true))=\(encoded)", "remember=1"].shuffled(using: &random).joined(separator: "&")
            return Case(family: "form-body", text: "curl -d '\(body)' https://x.invalid", secret: String(encoded))
        default:
            let id = "AKIA" + String((0..<16).map { _ in Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")[Int(random.next() % 32)] })
            // 40 random base64 bytes; one in a thousand has no digit, and a bare one is then not told from a word.
            let aws = String((0..<39).map { _ in Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+")[Int(random.next() % 64)] })
                .inserting(Character(String(random.next() % 10)), at: Int(random.next() % 39))
            let text = pick(["\(id) \(aws)", "\(id),\(aws)", "Secret access key: \(aws)", "API key = \(aws)", "using \(aws) now", "\"\(aws)\""], &random)
            return Case(family: "aws-secret", text: text, secret: aws)
        }
    }

    /// A credential name given as a string, and its value (name/value pairs in JSON, XML, PHP, Ruby, a
    /// Kubernetes env list), and the strings of a JSON array or object under a credential key.
    private static func namedValue(_ random: inout SplitMix64) -> Case {
        let (name, value) = (key(&random, english: true), secret(&random))
        let quote = pick(["\"", "'"], &random)
        switch random.next() % 7 {
        case 0: return Case(family: "name-value-json", text: "{\"name\": \"\(name)\", \"value\": \"\(value)\"}", secret: value)
        case 1:
            let attribute = pick(["name", "key"], &random)
            return Case(family: "name-value-xml", text: "<\(pick(["add", "property", "param"], &random)) \(attribute)=\"\(name)\" value=\"\(value)\"/>", secret: value)
        case 2: return Case(family: "define", text: "define( \(quote)\(name)\(quote), \(quote)\(value)\(quote) );", secret: value)
        case 3: return Case(family: "env-index", text: "ENV[\(quote)\(name)\(quote)] ||= \(quote)\(value)\(quote)", secret: value)
        case 4: return Case(family: "element-text", text: "<entry key=\"\(pick(["db.", "app.", ""], &random))\(name)\">\(value)</entry>", secret: value)
        case 5:
            let variable = pick(["DB", "APP", "VAULT", "STRIPE"], &random) + "_" + pick(["PASSWORD", "TOKEN", "SECRET", "API_KEY"], &random)
            return Case(family: "k8s-env", text: "env:\n- name: \(variable)\n  value: \(value)", secret: value)
        default:
            let other = secret(&random)
            let container = random.next() % 2 == 0 ? "[\"\(other)\", \"\(value)\"]" : "{\"\(word(&random))\": \"\(value)\"}"
            return Case(family: "json-container", text: "{\"\(name)\"\(pick([":", ": ", " : "], &random))\(container)}", secret: value)
        }
    }

    /// Values written around the ways a line is shown (a carriage return, a backspace, an OSC 8 link), values
    /// with a `&` or `$` in them, `-p X` after a user option, and Oracle's `user/password@//host`.
    private static func writtenOver(_ random: inout SplitMix64) -> Case {
        let (name, value) = (key(&random, english: true), secret(&random))
        switch random.next() % 10 {
        case 6:
            let escape = String(repeating: "\\", count: 1 + Int(random.next() % 3))
            return Case(family: "escaped-json", text: "{\"a\":\"{\(escape)\"\(name)\(escape)\":\(escape)\"\(value)\(escape)\"}\"}", secret: value)
        case 7:
            let variable = pick(["SMTP", "DB", "FTP"], &random) + "_" + pick(["PASS", "PASSWORD", "SECRET"], &random)
            return Case(family: "quoted-with-spaces", text: "\(variable)=\"\(value) with \(word(&random))\"", secret: value)
        case 8:
            return Case(family: "yaml-words", text: "  \(pick(["password", "db_password", "passwd"], &random)): \(word(&random)) \(word(&random)) \(value) \(word(&random))", secret: value)
        case 9:
            return Case(family: "key-base", text: "\(pick(["SECRET_KEY_BASE", "config.secret_key_base", "secretKeyBase"], &random)) = \"\(value)\"", secret: value)
        case 0: return Case(family: "cr-before-value", text: "\(name)=\r\(value)", secret: value)
        case 1:
            var characters = Array(name)
            characters.insert(contentsOf: "x\u{08}", at: 1 + Int(random.next() % UInt64(characters.count - 1)))
            return Case(family: "backspace-overwrite", text: String(characters) + "=" + value, secret: value)
        case 2:
            let url = "https://\(word(&random)):\(value)@\(word(&random)).example/x"
            return Case(family: "osc8-link", text: "\u{1B}]8;;\(url)\u{1B}\\click\u{1B}]8;;\u{1B}\\", secret: value)
        case 3:
            let inner = pick(["&", ";", "$"], &random)
            let split = value.index(value.startIndex, offsetBy: 4)
            let tricky = pick(["", "$"], &random) + value[..<split] + inner + value[split...] + (inner == "$" ? "$" : "")
            return Case(family: "punctuated-value", text: "\(name)=\(tricky) rest", secret: String(value[split...]))
        case 4:
            let tool = pick(["sqlcmd -S db", "az login --service-principal", "twine upload", word(&random)], &random)
            let user = pick(["-U", "-u", "--user", "--username"], &random)
            return Case(family: "login-option", text: "\(tool) \(user) \(word(&random)) \(pick(["-p", "-P"], &random)) \(value)", secret: value)
        default:
            let prefix = pick(["sqlplus ", "jdbc:oracle:thin:", "connect "], &random)
            return Case(
                family: "oracle-ezconnect", text: "\(prefix)\(word(&random))/\(value)@//\(word(&random)):1521/ORCL", secret: value, knownAtItsEnd: true)
        }
    }

    static let families: [@Sendable (inout SplitMix64) -> Case] = [separated, multiline, hidden, prose, markup, cookie, credentialInWord]

    @Test func generatedShapesNeverComeOut() {
        SecretAttackCorpusTests.neverComeOut(SecretAttackCorpusTests.families, seed: 0xA77_AC4, rounds: 1400, familiesMin: 15)
    }

    /// The structures the round-7 attack found leaking, generated apart (their own seed: the shapes above keep theirs).
    @Test func namedAndWrittenOverValuesNeverComeOut() {
        SecretAttackCorpusTests.neverComeOut([SecretAttackCorpusTests.namedValue, SecretAttackCorpusTests.writtenOver], seed: 0x7_F1DD, rounds: 1200, familiesMin: 17)
    }

    /// Each shape, as a whole string and as a stream cut anywhere with quiet releases, loses its secret.
    private static func neverComeOut(_ generators: [@Sendable (inout SplitMix64) -> Case], seed: UInt64, rounds: Int, familiesMin: Int) {
        var random = SplitMix64(seed: seed)
        var families: [String: Int] = [:]
        for round in 0..<rounds {
            let shape = generators[round % generators.count](&random)
            families[shape.family, default: 0] += 1
            let whole = SecretPolicy().redact(shape.text)
            #expect(!whole.contains(shape.secret), "round \(round) \(shape.family) as a string: \(whole.debugDescription)")
            let bytes = Array(("first line\n" + shape.text + "\nlast line\n").utf8)
            // Split at whitespace or anywhere, as writes come; a quiet release after some writes.
            var cuts = (0..<Int(random.next() % 3)).map { _ in Int(random.next() % UInt64(bytes.count + 1)) }.sorted()
            cuts = [0] + cuts + [bytes.count]
            let chunks = zip(cuts, cuts.dropFirst()).map { Array(bytes[$0..<$1]) }
            let quiet = Set((0..<chunks.count).filter { _ in random.next() % 3 == 0 && !shape.knownAtItsEnd })
            let out = SecretShapePropertyTests.stream(chunks, policy: SecretPolicy(), quietAfter: quiet)
            // What a quiet release let out before the structure was complete may show; the secret's end never.
            let unseen = quiet.isEmpty ? shape.secret : String(shape.secret.suffix(8))
            #expect(!out.contains(unseen), "round \(round) \(shape.family) cuts \(cuts) quiet \(quiet): \(out.debugDescription)")
            #expect(out.hasPrefix("first line\n") && out.hasSuffix("\nlast line\n"), "round \(round): \(out.debugDescription)")
        }
        #expect(families.count >= familiesMin && families.values.allSatisfy { $0 >= 20 }, "\(families)")
    }

    /// A token's beginning released at a quiet moment (`ghp_Abc`, the rest later) does not show.
    @Test func aTokenBeginningReleasedAtAQuietMomentIsRedacted() {
        var random = SplitMix64(seed: 0x9_4E_F1C)
        for round in 0..<300 {
            let shape = pick(SecretScan.tokenPrefixes, &random)
            let prefix = String(decoding: shape.prefix, as: UTF8.self)
            let length = shape.bodyMin + (shape.exact ? 0 : Int(random.next() % 10))
            let body = String((0..<length).map { _ in
                let allowed = Array("ABCDEFGHJKLMNPQRSTUVWXYZ234567").filter { shape.body.allows($0.asciiValue!) }
                return allowed[Int(random.next() % UInt64(allowed.count))]
            })
            let cut = 1 + Int(random.next() % UInt64(min(shape.bodyMin, body.count) - 1))
            let chunks = [Array("auth \(prefix)\(body.prefix(cut))".utf8), Array("\(body.dropFirst(cut)) ok\n".utf8)]
            let out = SecretShapePropertyTests.stream(chunks, policy: SecretPolicy(), quietAfter: [0])
            #expect(!out.contains(String(body.prefix(cut))) && !out.contains(String(body.suffix(4))), "round \(round) \(prefix) cut \(cut): \(out.debugDescription)")
        }
    }

    /// A key on one channel, its separator or value on the other (as a terminal shows them, one line).
    @Test func aKeyAndItsValueOnTwoChannelsAreOneLine() throws {
        var random = SplitMix64(seed: 0xC4A_2)
        for round in 0..<300 {
            let (name, value) = (SecretAttackCorpusTests.key(&random, english: true), SecretAttackCorpusTests.secret(&random))
            let separator = pick([": ", "=", " = ", " => "], &random)
            let line = pick(["", "Enter ", "using "], &random) + name + separator + value + "\n"
            let cut = 1 + Int(random.next() % UInt64(line.utf8.count - value.utf8.count - 1))
            let bytes = Array(line.utf8)
            let (first, second): (OutputChannel, OutputChannel) = random.next() % 2 == 0 ? (.stdout, .stderr) : (.stderr, .stdout)
            let store = MemoryEventStore()
            let recorder = EventRecorder(store: store, clock: SystemClock())
            try recorder.record(.outputChunk(step: "run", stream: first, data: Array(bytes[..<cut]), redacted: false))
            if random.next() % 2 == 0 { try recorder.releaseQuietOutput(of: "run") }
            try recorder.record(.outputChunk(step: "run", stream: second, data: Array(bytes[cut...]), redacted: false))
            try recorder.close()
            let stored = try store.events().compactMap { event -> String? in
                guard case .outputChunk(_, _, let data, _) = event.body else { return nil }
                return String(decoding: data, as: UTF8.self)
            }.joined()
            #expect(!stored.contains(value), "round \(round) cut \(cut) \(first): \(stored.debugDescription)")
        }
    }

    /// Lines of base64 (a public key, a payload), the last one 40 bytes long.
    private static func base64Block(_ random: inout SplitMix64) -> String {
        let base64 = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        let line = { (length: Int, random: inout SplitMix64) in String((0..<length).map { _ in base64[Int(random.next() % 64)] }) }
        let lines = (0..<(1 + Int(random.next() % 3))).map { _ in line(64, &random) } + [line(40, &random)]
        return "-----BEGIN PUBLIC KEY-----\n" + lines.joined(separator: "\n") + "\n-----END PUBLIC KEY-----"
    }

    /// What the new rules must leave alone: digests after an image tag, mail addresses, prose without a
    /// secret, nested mappings under a credential key, generic types, XML without a credential name.
    @Test func lookalikesAreKept() {
        var random = SplitMix64(seed: 0x100C_A11E)
        for round in 0..<300 {
            let hex = (0..<64).map { _ in String(Array("0123456789abcdef")[Int(random.next() % 16)]) }.joined()
            let w = SecretAttackCorpusTests.word(&random)
            let text = pick([
                "pulling \(w):bookworm@sha256:\(hex)", "mailto:\(w)@example.com", "the password is incorrect",
                "Token is \(pick(["expired", "invalid", "Expired"], &random))", "password for \(w): required",
                "db:\n  password:\n    user: \(w)\n    file: /run/x\nnext: 1", "error: expected Vec<u8>, found Option<\(w)>",
                "<name>\(w)</name><version>1.2.\(round)</version>", "Set-Cookie: HttpOnly; Secure", "\(w) -> \(w)2",
                "commit \(hex.prefix(40)) (HEAD -> main)", "\(SecretAttackCorpusTests.base64Block(&random))",
            ], &random)
            #expect(SecretPolicy().redact(text) == text, "round \(round): \(text.debugDescription)")
        }
    }
}

extension String {
    fileprivate func inserting(_ character: Character, at offset: Int) -> String {
        var copy = self
        copy.insert(character, at: copy.index(copy.startIndex, offsetBy: offset))
        return copy
    }
}

/// `CredentialVocabulary.mayEnd` looks back a constant number of bytes: every form's last non-ASCII
/// letter must be within it.
@Test func theVocabularysNonASCIILettersAreWithinTheLookBack() {
    for form in CredentialVocabulary.allForms {
        #expect(CredentialVocabulary.nonASCIIReach(of: form) <= CredentialVocabulary.nonASCIIReachBytes, "\(String(decoding: form, as: UTF8.self))")
    }
}
