import Foundation
import InstallModel
@testable import Orchestrator
import Testing

/// The families of secrets10's shapes that leaked after round 9, each generated (names, separators, quoting,
/// values drawn at random) and checked whole and streamed in random cuts: values that start with a symbol,
/// plain-word passwords, space-separated config forms, positional argv secrets, environment names, service
/// token prefixes, the word for a password in other languages, and code printed by a tool (never learned).
@Suite struct UnlistedSecretFamiliesTests {
    /// A generated secret: small and capital letters and digits, `count` long.
    static func generated(_ count: Int, _ random: inout SplitMix64) -> String {
        var value = String((0..<count).map { _ in pick(secretAlphabet, &random) })
        // Every class at least once (a generator's password policy).
        value.replaceSubrange(value.startIndex..<value.index(value.startIndex, offsetBy: 3), with: pick(["Kq7", "x9Z", "4Mn", "Rw2"], &random))
        return value
    }

    /// `text` redacted whole and as a stream cut at two random places.
    static func shown(_ text: String, _ random: inout SplitMix64, policy: SecretPolicy = SecretPolicy()) -> [String] {
        let bytes = Array((text + "\n").utf8)
        let cuts = [Int(random.next() % UInt64(bytes.count)), Int(random.next() % UInt64(bytes.count))].sorted()
        let chunks = [Array(bytes[..<cuts[0]]), Array(bytes[cuts[0]..<cuts[1]]), Array(bytes[cuts[1]...])]
        return [policy.redact(text), SecretShapePropertyTests.stream(chunks, policy: policy, quietAfter: [])]
    }

    static let passwordNames = ["password", "db_password", "DB_PASSWORD", "dbPassword", "Password", "admin-passwd", "REDIS_PWD", "passphrase"]
    static let credentialNames = passwordNames + ["api_token", "SECRET", "clientSecret", "github_token", "api-key", "AccountKey"]

    @Test(arguments: Array(UInt64(1)...40))
    func aValueThatOnlyStartsWithASymbolIsRedacted(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let value = pick(["$", "/", "{", "#", "(", "-", "&", "<", "[", "%", "$(", "${"], &random) + Self.generated(10 + Int(random.next() % 8), &random)
        let name = pick(Self.credentialNames, &random)
        let forms = ["\(name)=\(value)", "\(name): \(value)", "  \(name): \(value)", #""\#(name)": "\#(value)""#, "\(name) = \(value)", "export \(name)='\(value)'"]
        let text = pick(forms, &random)
        for shown in Self.shown(text, &random) { #expect(!shown.contains(value.suffix(8)), "\(text) → \(shown)") }
    }

    @Test(arguments: ["$DB_PASS", "${DB_PASS}", "$(cat /run/secrets/db)", "%DB_PASS%", "<placeholder>", "***", "/run/secrets/db_password", "$db_pass", "%s"])
    func aWholeStandInIsKept(standIn: String) {
        for name in ["password", "DB_PASSWORD", "api_token"] {
            for text in ["\(name)=\(standIn)", "\(name): \(standIn)", #""\#(name)": "\#(standIn)""#] {
                #expect(SecretPolicy().redact(text) == text, "\(text)")
            }
        }
    }

    @Test(arguments: Array(UInt64(1)...30))
    func aPlainWordAfterAPasswordNameStartingItsLineIsRedacted(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let word = String((0..<(4 + Int(random.next() % 6))).map { _ in pick(Array("abcdefghijkmnopqrstuvwxyz"), &random) })
        let name = pick(Self.passwordNames, &random)
        let text = pick(["", "  ", "- "], &random) + pick(["\(name): \(word)", "\(name) = \(word)", "\(name)=\(word)"], &random)
        // A word that happens to be a setting (`none`, `empty`) is kept by design.
        let bytes = Array(word.utf8)
        guard !bytes.withUnsafeBufferPointer({ SecretValueShape.isPlaceholder($0, 0..<$0.count) }) else { return }
        for shown in Self.shown("config:\n" + text, &random) { #expect(!shown.contains(": \(word)") && !shown.contains("= \(word)") && !shown.contains("=\(word)"), "\(text) → \(shown)") }
    }

    @Test(arguments: [
        "password: true", "password: false", "password: null", "password: ~", #"password: """#, "Secret: Opaque", "Token: Expired",
        "existingSecret: name-of-secret", "existing_secret: my-db-secret", "externalSecret: vault-db", "secretName: my-secret",
        "passwordFile: /etc/pw", "tokenPath: /var/run/token", "PGPASSFILE=/home/bob/.pgpass",
    ])
    func aSettingOrAReferenceIsKept(text: String) {
        #expect(SecretPolicy().redact(text) == text)
    }

    @Test(arguments: Array(UInt64(1)...40))
    func aSpaceSeparatedConfigValueIsRedacted(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        // 12 bytes at least: `_auth` is a weak name (`SecretValueShape.weakValueBytesMin`).
        let value = Self.generated(12 + Int(random.next() % 10), &random)
        let user = pick(["scott", "system", "app_user"], &random)
        let forms = [
            "requirepass \(value)", "masterauth \(value)", "  requirepass \(value)", "CREATE USER '\(user)'@'%' IDENTIFIED BY '\(value)';",
            "ALTER USER \(user) IDENTIFIED WITH \(pick(["mysql_native_password", "caching_sha2_password", "'sha256_password'"], &random)) BY '\(value)';",
            "\(pick(["sqlplus", "sqlplus -S", "expdp", "rman target"], &random)) \(user)/\(value)@\(pick(["orcl", "db.example.com:1521/XE", "PDB1"], &random))",
            "SQL> connect \(user)/\(value)@orcl", "npmAuthIdent: \(value)", "npmAuthIdent: \"\(value)\"",
            "kubeadm init --upload-certs --certificate-key \(value)", "_auth = \(value)", "//registry.npmjs.org/:_authToken=\(value)",
        ]
        let text = pick(forms, &random)
        for shown in Self.shown(text, &random) { #expect(!shown.contains(value.suffix(8)), "\(text) → \(shown)") }
    }

    @Test func aPathWithAVersionIsNoOracleLogon() {
        for text in ["go get github.com/acme/tool@v1.2.3", "npm install @scope/pkg@2.0.1", "sqlplus -version", "cp build/app@2x.png out/"] {
            #expect(SecretPolicy().redact(text) == text)
        }
    }

    @Test(arguments: Array(UInt64(1)...40))
    func aPositionalSecretInArgvIsRedacted(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let value = Self.generated(12 + Int(random.next() % 10), &random)
        let name = pick(["DEPLOY_KEY", "NPM_TOKEN", "DB_URL"], &random)
        let lines: [[String]] = [
            ["cargo", "login", value], ["/usr/bin/redis-cli", "AUTH", value], ["redis-cli", "-a", value, "ping"],
            ["gh", "secret", "set", name, "--body", value], ["gh", "secret", "set", name, "-b", value], ["gh", "secret", "set", name, "--body=\(value)"],
            ["dotnet", "nuget", "push", "pkg.nupkg", "-k", value, "-s", "https://api.nuget.org/v3/index.json"],
            ["dotnet", "nuget", "add", "source", "https://x/index.json", "-n", "x", "-u", "bob", "-p", value],
            ["vault", "login", value], ["sqlplus", "scott/\(value)@orcl"], ["snyk", "auth", value], ["ngrok", "config", "add-authtoken", value],
        ]
        let words = pick(lines, &random)
        let shown = SecretPolicy().redact(words: words)
        #expect(!shown.joined(separator: " ").contains(value.suffix(8)), "\(words) → \(shown)")
        #expect(shown.first == words.first)
    }

    @Test(arguments: Array(UInt64(1)...30))
    func anEnvironmentNameThatHoldsASecretIsOne(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let value = Self.generated(16 + Int(random.next() % 10), &random)
        let prefix = pick(["", "GH_", "AZURE_DEVOPS_", "WALLET_", "HASH_", "APP_", "SENTRY_", "GOOGLE_APPLICATION_", "SONAR_"], &random)
        let name = prefix + pick(["PAT", "SEED", "SALT", "DSN", "CREDENTIALS", "LOGIN"], &random)
        #expect(ChildEnvironment.isSecretName(name), "\(name)")
        let text = pick(["\(name)=\(value)", "export \(name)=\"\(value)\"", "\(name): \(value)"], &random)
        for shown in Self.shown(text, &random) { #expect(!shown.contains(value.suffix(8)), "\(text) → \(shown)") }
    }

    @Test func aLowercaseWordOfAnEnvironmentNameIsOrdinary() {
        for text in ["pat: 3", "seed: 42", "login: bob", "salt: pepper", "random_seed=12345", "PGPASSFILE=/home/bob/.pgpass", "LOGIN=bob"] {
            #expect(SecretPolicy().redact(text) == text)
        }
        #expect(!ChildEnvironment.isSecretName("PATH") && !ChildEnvironment.isSecretName("PLUGIN_ORIGIN"))
    }

    @Test(arguments: Array(UInt64(1)...60))
    func aServiceTokenIsRedactedByItsPrefix(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let shape = pick(SecretScan.serviceTokenPrefixes, &random)
        let allowed = secretAlphabet.filter { shape.body.allows($0.asciiValue!) }
        let body = String((0..<(shape.bodyMin + (shape.exact ? 0 : Int(random.next() % 12)))).map { _ in pick(allowed, &random) })
        let token = String(decoding: shape.prefix, as: UTF8.self) + body
        let text = pick(["token \(token) created", "export X=\(token)", "\"\(token)\"", "using \(token)"], &random)
        for shown in Self.shown(text, &random) { #expect(!shown.contains(body.suffix(10)), "\(text) → \(shown)") }
    }

    @Test(arguments: Array(UInt64(1)...30))
    func theWordForPasswordInAnotherLanguageNamesOne(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let value = Self.generated(10 + Int(random.next() % 8), &random)
        let word = pick(["mdp", "Mot de passe", "Passwort", "contraseña", "senha", "пароль", "κωδικός", "Κωδικός πρόσβασης", "密码", "パスワード", "Kennwort"], &random)
        let text = word + pick(["=", ": ", " : ", "：", " = "], &random) + value
        for shown in Self.shown(text, &random) { #expect(!shown.contains(value.suffix(8)), "\(text) → \(shown)") }
    }

    @Test(arguments: Array(UInt64(1)...20))
    func codePrintedByAToolTeachesNoSecret(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let keyword = pick(["None", "null", "nil", "self", "undefined", "this"], &random)
        let name = pick(["password", "token", "api_key", "secret"], &random)
        let code = pick(["def connect(host, \(name)=\(keyword)):", "    client = Client(\(name)=\(keyword), timeout=3)", "  fn(\(name)=\(keyword));"], &random)
        var stream = SecretPolicy().makeStream()
        let out = stream.process(Array((code + "\n").utf8)).bytes + stream.finish().bytes
        #expect(stream.takeFound().isEmpty, "\(code)")
        #expect(String(decoding: out, as: UTF8.self) == code + "\n")
        // A value that ends in code punctuation is redacted where it is, never learned for the rest of the run.
        let value = Self.generated(10, &random)
        var later = SecretPolicy().makeStream()
        _ = later.process(Array("connect(\(name)=\(value)):\n".utf8))
        #expect(later.takeFound().allSatisfy { !$0.hasSuffix(":") && !$0.hasSuffix(")") })
    }
}

/// A variable in a quoted `sh -c` word is kept with what follows it (`printf "DB_PASSWORD=$X\n"` lost its `\n`),
/// and a name/value table row (`npm token create`) loses its value.
@Suite struct QuotedVariableAndRowTests {
    @Test(arguments: Array(UInt64(1)...20))
    func aVariableAndTheTextAfterItAreKept(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let variable = "$" + pick(["X", "DB_PASS", "pw", "SECRET1", "{TOKEN}"], &random)
        let after = pick(["\\n", "\\n\\n", ".txt", "/x", ":", " and more\\n"], &random)
        let name = pick(UnlistedSecretFamiliesTests.passwordNames, &random)
        let words = ["sh", "-c", "printf \"\(name)=\(variable)\(after)\" > /tmp/f; echo done"]
        #expect(SecretPolicy().redact(words: words) == words)
    }

    @Test(arguments: Array(UInt64(1)...20))
    func aRowThatNamesACredentialLosesItsValue(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let value = pick([UUID().uuidString.lowercased(), UnlistedSecretFamiliesTests.generated(20, &random)], &random)
        let bar = pick(["│", "|", "┃"], &random)
        let name = pick(["token", "password", "secret", "api_token"], &random)
        let text = "┌────┬────┐\n\(bar) \(name)          \(bar) \(value) \(bar)\n\(bar) readonly       \(bar) false \(bar)\n"
        for shown in UnlistedSecretFamiliesTests.shown(text, &random) {
            #expect(!shown.contains(value.suffix(10)), "\(text) → \(shown)")
            #expect(shown.contains("\(bar) readonly       \(bar) false \(bar)"))
        }
    }
}
