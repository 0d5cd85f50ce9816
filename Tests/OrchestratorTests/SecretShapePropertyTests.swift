import Foundation
import InstallModel
@testable import Orchestrator
import Testing

/// Generated secrets in every structure `SecretPatterns` knows — random names in random spellings,
/// separators, quoting, surrounding text, split points and channels — never come out of the policy.
@Suite struct SecretShapePropertyTests {
    struct Case {
        var text: String
        var secret: String
    }

    private static let profile = SystemProfile(
        name: "test", osFamily: "debian", distribution: "debian", version: "12", arch: "x86_64", initSystem: .none,
        packageManagers: [.apt], isRoot: true, hasSudo: false, inContainer: true, externallyManagedPython: true)
    /// A random credential: letters and digits, at least one capital and one digit.
    private static func secret(_ random: inout SplitMix64, length: Int = 0) -> String {
        let count = length > 0 ? length : 12 + Int(random.next() % 20)
        var text = (0..<(count - 2)).map { _ in String(secretAlphabet[Int(random.next() % UInt64(secretAlphabet.count))]) }.joined()
        text.insert(Character(String(Int(random.next() % 10))), at: text.index(text.startIndex, offsetBy: Int(random.next() % UInt64(text.count))))
        return "Q" + text
    }

    /// A credential name in a random spelling: a credential word, maybe qualified, in snake, kebab,
    /// camel or upper case.
    private static func name(_ random: inout SplitMix64) -> String {
        let words = [
            ["password"], ["passwd"], ["pwd"], ["secret"], ["token"], ["api", "key"], ["private", "key"], ["private", "key", "id"],
            ["credentials"], ["access", "token"], ["client", "secret"], ["secret", "access", "key"], ["account", "key"], ["auth", "token"], ["dsn"],
        ]
        let qualifiers = [[], ["db"], ["mysql"], ["aws"], ["github"], ["sentry"], ["app", "admin"]]
        let parts = pick(qualifiers, &random) + pick(words, &random)
        switch random.next() % 4 {
        case 0: return parts.joined(separator: "_")
        case 1: return parts.joined(separator: "-")
        case 2: return parts.joined(separator: "_").uppercased()
        default: return parts[0] + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        }
    }

    private static func keyValue(_ random: inout SplitMix64) -> Case {
        let (key, value) = (name(&random), secret(&random))
        let forms = [
            "\(key)=\(value)", "\(key)=\"\(value)\"", "\(key)='\(value)'", "\(key): \(value)", "  \(key): \"\(value)\"",
            "\(key) = \(value)", "\"\(key)\": \"\(value)\",", "{\"\(key)\":\"\(value)\"}", "--\(key) \(value)", "--\(key)=\(value)",
            "export \(key)=\(value)", "\(key) \(value)", "https://api.example.invalid/x?user=me&\(key)=\(value)&page=2",
            "Server=db;Database=app;User Id=sa;\(key)=\(value);Encrypt=true",
        ]
        return Case(text: pick(forms, &random), secret: value)
    }

    private static func url(_ random: inout SplitMix64) -> Case {
        let scheme = pick(["https", "http", "postgres", "postgresql", "mysql", "redis", "mongodb+srv", "amqp", "git+https"], &random)
        let host = pick(["db.internal:5432/app", "github.com/acme/x.git", "pypi.internal/simple", "o1.ingest.example.io/42"], &random)
        let value = secret(&random)
        if random.next() % 3 == 0 {
            let token = secret(&random, length: 32)
            return Case(text: "\(scheme)://\(token)@\(host)", secret: token)
        }
        let user = pick(["deploy", "u", "", "x-access-token", "oauth2"], &random)
        return Case(text: "\(scheme)://\(user):\(value)@\(host)", secret: value)
    }

    private static func header(_ random: inout SplitMix64) -> Case {
        let value = secret(&random, length: 24 + Int(random.next() % 20))
        let headers = [
            "Authorization: Bearer \(value)", "authorization: Basic \(value)", "Proxy-Authorization: Basic \(value)",
            "X-Api-Key: \(value)", "X-Vault-Token: \(value)", "x-auth-token: \(value)", "curl -H 'Authorization: token \(value)' x",
            "-H \"X-Gitlab-Token: \(value)\"",
        ]
        return Case(text: pick(headers, &random), secret: value)
    }

    private static func privateKey(_ random: inout SplitMix64) -> Case {
        let label = pick(["RSA PRIVATE KEY", "EC PRIVATE KEY", "PRIVATE KEY", "OPENSSH PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "PGP PRIVATE KEY BLOCK"], &random)
        let value = secret(&random, length: 40)
        let lines = (0..<(1 + Int(random.next() % 4))).map { _ in secret(&random, length: 64) }
        let body = (lines + [value]).shuffled(using: &random).joined(separator: "\n")
        return Case(text: "-----BEGIN \(label)-----\n\(body)\n-----END \(label)-----", secret: value)
    }

    private static func prefixedToken(_ random: inout SplitMix64) -> Case {
        let body = secret(&random, length: 40)
        let shapes = [
            ("ghp_", body), ("gho_", body), ("github_pat_11A", body), ("glpat-", body), ("glrt-", body), ("npm_", body), ("xoxb-123-456-", body),
            ("sk_live_", body), ("rk_test_", body), ("SG.", String(body.prefix(22)) + "." + body), ("hvs.", body), ("AIza", body),
            ("pypi-AgEIcHlwaS5vcmc", body), ("eyJhbGciOiJIUzI1NiJ9.eyJ", body + ".sig" + body.prefix(10)),
        ]
        let (prefix, rest) = pick(shapes, &random)
        return Case(text: "token \(prefix)\(rest) rejected", secret: rest)
    }

    private static func option(_ random: inout SplitMix64) -> Case {
        let value = secret(&random)
        let commands = [
            "mysql -uroot -p\(value) app", "mariadb -h db -p\(value)", "docker login -u me -p \(value) reg.internal",
            "podman login --password \(value) reg", "sshpass -p \(value) ssh host", "redis-cli -h r -a \(value) ping",
            "openssl enc -aes-256-cbc -pass pass:\(value) -in x", "openssl rsa -passin pass:\(value) -in k",
            "openssl genrsa -aes256 -passout pass:\(value) 2048", "curl -u deploy:\(value) https://x.invalid",
            "curl --user=deploy:\(value) https://x.invalid", "curl -udeploy:\(value) https://x.invalid",
            "curl --proxy-user deploy:\(value) https://x.invalid",
            "+ /usr/bin/mysqldump -p\(value) db", "ldapsearch -x -D cn=admin -w \(value)",
        ]
        return Case(text: pick(commands, &random), secret: value)
    }

    private static func credentialsFile(_ random: inout SplitMix64) -> Case {
        let value = secret(&random)
        let files = [
            "machine example.com login me password \(value)", "db.internal:5432:app:deploy:\(value)", "*:*:*:postgres:\(value)",
            "[client]\nuser = deploy\npassword = \(value)", "aws_secret_access_key = \(value)", "aws_secret_access_key \(value)",
        ]
        return Case(text: pick(files, &random), secret: value)
    }

    static let structures: [@Sendable (inout SplitMix64) -> Case] = [keyValue, url, header, privateKey, prefixedToken, option, credentialsFile]

    /// Runs `chunks` through one stream (quiet releases after some) and returns what came out.
    static func stream(_ chunks: [[UInt8]], policy: SecretPolicy, quietAfter: Set<Int>) -> String {
        var stream = policy.makeStream()
        var out: [UInt8] = []
        for (index, chunk) in chunks.enumerated() {
            out += stream.process(chunk).bytes
            if quietAfter.contains(index) { out += stream.releaseWhileQuiet().bytes }
        }
        out += stream.finish().bytes
        return String(decoding: out, as: UTF8.self)
    }

    /// Everything a store holds as text: output bytes as they are, other events as their JSON.
    private static func stored(_ store: MemoryEventStore) throws -> String {
        try store.events().map { event in
            if case .outputChunk(_, _, let data, _) = event.body { return String(decoding: data, as: UTF8.self) }
            return String(decoding: try EventPayload.encode(event).dropFirst(), as: UTF8.self)
        }.joined(separator: "\n")
    }

    @Test func everyStructureIsRedactedWhateverTheSpellingAndSplit() {
        var random = SplitMix64(seed: 0x5EC2_E7_24)
        let contexts = [("", ""), ("ERROR: ", " failed"), ("  ", ""), ("debug: using ", " now"), ("> ", "")]
        for round in 0..<3000 {
            let structure = SecretShapePropertyTests.structures[round % SecretShapePropertyTests.structures.count]
            let shape = structure(&random)
            let (before, after) = pick(contexts, &random)
            let bytes = Array(("line one\n" + before + shape.text + after + "\nnext line\n").utf8)
            var cuts = (0..<Int(random.next() % 3)).map { _ in Int(random.next() % UInt64(bytes.count + 1)) }.sorted()
            cuts = [0] + cuts + [bytes.count]
            let chunks = zip(cuts, cuts.dropFirst()).map { Array(bytes[$0..<$1]) }
            let quiet = Set((0..<chunks.count).filter { _ in random.next() % 2 == 0 })
            let out = SecretShapePropertyTests.stream(chunks, policy: SecretPolicy(), quietAfter: quiet)
            #expect(!out.contains(shape.secret), "round \(round) cuts \(cuts) quiet \(quiet): \(out)")
            #expect(out.hasPrefix("line one\n") && out.hasSuffix("\nnext line\n"), "round \(round) cuts \(cuts) quiet \(quiet): \(out)")
            let whole = SecretPolicy().redact(before + shape.text + after)
            #expect(!whole.contains(shape.secret), "round \(round) as a string: \(whole)")
        }
    }

    @Test func serviceKeysAndWordsSplitByCaseAreCredentialNames() {
        var random = SplitMix64(seed: 0x5E_2F1CE)
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        for round in 0..<500 {
            let value = SecretShapePropertyTests.secret(&random)
            let key: String
            if round % 2 == 0 {
                // `STRIPE_KEY`, `SENTRY_DSN_KEY`: any all-caps service name.
                let service = (0..<(2 + Int(random.next() % 8))).map { _ in String(letters[Int(random.next() % 26)]) }.joined()
                key = pick(["", "MY_", "APP_"], &random) + service + "_KEY"
            } else {
                // `dbPassWord`: a credential word with a capital inside it.
                let word = pick(["password", "passwd", "secret", "token"], &random)
                let cut = 1 + Int(random.next() % UInt64(word.count - 1))
                key = pick(["db", "my", "app"], &random) + word.prefix(cut).capitalized + word.dropFirst(cut).capitalized
            }
            let text = pick(["\(key)=\(value)", "\(key): \(value)", "export \(key)=\(value)"], &random)
            let out = SecretPolicy().redact("line " + text + "\n")
            #expect(!out.contains(value), "round \(round): \(out)")
        }
    }

    @Test func whatFollowsAValueOnACommandLineIsKept() {
        var random = SplitMix64(seed: 0xC0_11A7E)
        for round in 0..<300 {
            let value = SecretShapePropertyTests.secret(&random)
            let url = "https://example.com/" + pick(["ok", "api/v2/items", "x?page=2"], &random)
            let quote = pick(["\"", "'"], &random)
            let scheme = pick(["Bearer", "Basic", "token"], &random)
            let header = "curl -H \(quote)Authorization: \(scheme) \(value)\(quote) \(url)"
            let out = SecretPolicy().redact(header)
            #expect(!out.contains(value) && out.hasSuffix(" " + url), "round \(round): \(out)")
            // openssl's other password sources name where the password is, not the password.
            let source = pick(["env:MY_VAR", "file:/run/secrets/key", "fd:3", "stdin"], &random)
            let option = pick(["-pass", "-passin", "-passout"], &random)
            let openssl = "openssl enc -aes-256-cbc \(option) \(source) -in x"
            #expect(SecretPolicy().redact(openssl) == openssl, "round \(round)")
        }
    }

    @Test func aCommandLinesSecretsAreLearnedForItsOutput() throws {
        var random = SplitMix64(seed: 0xA26_7)
        for round in 0..<300 {
            let value = SecretShapePropertyTests.secret(&random)
            let argv = pick([
                ["env", "\(SecretShapePropertyTests.name(&random).uppercased())=\(value)", "sh", "-c", "x"],
                ["mysql", "-uroot", "-p\(value)"], ["docker", "login", "--password", value, "reg"], ["sshpass", "-p", value, "ssh", "h"],
                ["pip", "install", "--index-url", "https://u:\(value)@pypi.internal/simple", "acme"],
            ], &random)
            let store = MemoryEventStore()
            let recorder = EventRecorder(store: store, clock: SystemClock())
            let step = Step(id: "run", label: "run", action: .postInstall(CommandParameters(argv: argv)))
            try recorder.record(.planCreated(Plan(id: PlanID("p-learn"), tools: [], profile: SecretShapePropertyTests.profile, steps: [step])))
            let encodings = [value, Data(value.utf8).base64EncodedString(), value.utf8.map { String(format: "%02x", $0) }.joined()]
            let printed = pick(encodings, &random)
            try recorder.record(.outputChunk(step: "run", stream: .stdout, data: Array("echo: \(printed)\n".utf8), redacted: false))
            try recorder.close()
            let stored = try SecretShapePropertyTests.stored(store)
            #expect(!stored.contains(value) && !stored.contains(printed), "round \(round) \(argv): \(stored)")
        }
    }

    /// A registered secret with spaces, form-encoded (`quote_plus`: a space is `+`), is redacted.
    @Test func aRegisteredSecretIsRedactedFormEncoded() {
        var random = SplitMix64(seed: 0xF0_4E)
        for round in 0..<200 {
            let words = (0..<(2 + Int(random.next() % 3))).map { _ in SecretShapePropertyTests.secret(&random, length: 6 + Int(random.next() % 6)) }
            let value = words.joined(separator: pick([" ", " & ", " / "], &random))
            let encoded = value.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: " ")))!
                .replacingOccurrences(of: " ", with: "+")
            let out = SecretShapePropertyTests.stream([Array("body: q=\(encoded)&x=1\n".utf8)], policy: SecretPolicy(secrets: [value]), quietAfter: [])
            #expect(!out.contains(encoded), "round \(round) \(encoded): \(out)")
        }
    }

    @Test func aLineSplitAtAQuietMomentIsScannedWhole() throws {
        var random = SplitMix64(seed: 0x9_01E7)
        for round in 0..<300 {
            let shape = round % 2 == 0 ? SecretShapePropertyTests.keyValue(&random) : SecretShapePropertyTests.prefixedToken(&random)
            let bytes = Array((shape.text + "\n").utf8)
            let cut = 1 + Int(random.next() % UInt64(bytes.count - 1))
            let store = MemoryEventStore()
            let recorder = EventRecorder(store: store, clock: SystemClock())
            try recorder.record(.outputChunk(step: "run", stream: .stdout, data: Array(bytes[..<cut]), redacted: false))
            try recorder.releaseQuietOutput(of: "run")
            try recorder.record(.outputChunk(step: "run", stream: .stdout, data: Array(bytes[cut...]), redacted: false))
            try recorder.close()
            let stored = try SecretShapePropertyTests.stored(store)
            // A released beginning may show; the secret's end must not.
            #expect(!stored.contains(String(shape.secret.suffix(8))), "round \(round) cut \(cut): \(stored)")
        }
    }

    @Test func aKeyOnOneChannelLosesItsValueOnTheOther() throws {
        var random = SplitMix64(seed: 0xC4A_77E1)
        for round in 0..<200 {
            let (key, value) = (SecretShapePropertyTests.name(&random), SecretShapePropertyTests.secret(&random))
            let separator = pick([": ", "=", " = ", ":"], &random)
            let store = MemoryEventStore()
            let recorder = EventRecorder(store: store, clock: SystemClock())
            let (first, second): (OutputChannel, OutputChannel) = random.next() % 2 == 0 ? (.stdout, .stderr) : (.stderr, .stdout)
            try recorder.record(.outputChunk(step: "run", stream: first, data: Array((key + separator).utf8), redacted: false))
            if random.next() % 2 == 0 { try recorder.releaseQuietOutput(of: "run") }
            try recorder.record(.outputChunk(step: "run", stream: second, data: Array((value + "\n").utf8), redacted: false))
            // Once redacted by its structure, the value is a secret for the rest of the plan: a later line,
            // an event quoting the output line by line (failure evidence).
            try recorder.record(.outputChunk(step: "run", stream: first, data: Array("\nlater: \(value)\n".utf8), redacted: false))
            try recorder.record(.stepRetry(step: "run", reason: value))
            try recorder.close()
            let stored = try SecretShapePropertyTests.stored(store)
            #expect(!stored.contains(value), "round \(round) \(key)\(separator) on \(first): \(stored)")
        }
    }
}
