import Foundation
import InstallModel
@testable import Orchestrator
import Testing

/// secrets15's open findings, each by the structure it is an instance of, with names, values, layouts and
/// split points drawn at random: one layer of HTML or URL encoding around a structure (F16), query and config
/// names (F24, F26, F2), a vendor's `X-` header (F28), a token as a URL's user (F24), a random body of one
/// case after a vendor's prefix (F21), a registered value as tools re-render it (F18), and what must stay
/// (sudoers' `NOPASSWD:`, F17).
@Suite struct EncodedLayerAndNameSecretTests {
    static func value(_ random: inout SplitMix64) -> String { NamedArgvAndShapeSecretTests.randomValue(12 + Int(random.next() % 20), &random) }

    /// `text` with its `"`, `<`, `>` written as HTML character references of a random style.
    static func htmlEscaped(_ text: String, _ random: inout SplitMix64) -> String {
        let styles: [[Character: String]] = [
            ["\"": "&quot;", "<": "&lt;", ">": "&gt;"], ["\"": "&#34;", "<": "&#60;", ">": "&#62;"], ["\"": "&#x22;", "<": "&#x3C;", ">": "&#x3e;"],
        ]
        let style = pick(styles, &random)
        return text.map { style[$0] ?? String($0) }.joined()
    }

    @Test(arguments: Array(UInt64(1)...80))
    func aStructureInsideHTMLCharacterReferencesIsRedacted(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let secret = Self.value(&random)
        let name = pick(["password", "dbPassword", "api_token", "client_secret", "apiKey"], &random)
        let inner = random.next() % 2 == 0
            ? "{\"user\":\"app\",\"\(name)\":\"\(secret)\",\"port\":\(random.next() % 9000)}"
            : "<\(name)>\(secret)</\(name)>"
        let before = pick(["<div id=\"app\" data-config=\"", "<pre>", "<td class=\"x\">"], &random)
        let text = before + Self.htmlEscaped(inner, &random) + pick(["\"></div>", "</pre>", "</td>"], &random)
        let shown = UnterminatedKeyBlockTests.streamed(text + "\n", &random)
        #expect(!shown.contains(secret), "\(shown)")
        #expect(shown.contains(before), "the markup stays: \(shown)")
    }

    @Test(arguments: Array(UInt64(1)...80))
    func aURLsCredentialInsideAnotherURLsQueryIsRedacted(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let secret = Self.value(&random)
        let inner = "\(pick(["https", "git+https", "postgres", "amqp"], &random))://\(pick(["deploy", "ci", "app"], &random)):\(secret)@\(pick(["git.internal", "db.example.org"], &random))/\(pick(["repo.git", "app", ""], &random))"
        let encoded = random.next() % 3 == 0 ? inner : inner.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let outer = "https://sso.internal/\(pick(["login", "cb", "oauth/authorize"], &random))?\(pick(["next", "redirect_uri", "return_to", "url"], &random))="
        let text = pick(["< Location: ", "GET ", "302 "], &random) + outer + encoded + pick(["", " HTTP/1.1", "&state=\(random.next() % 1000)"], &random)
        // Streamed in pieces only unencoded: an encoded URL cut by a quiet moment before its `%40` is not yet known to be one.
        let shown = encoded == inner ? UnterminatedKeyBlockTests.streamed(text + "\n", &random) : SecretPolicy().redact(text + "\n")
        #expect(!shown.contains(secret), "\(shown)")
        #expect(shown.contains(outer), "the outer URL stays: \(shown)")
    }

    @Test(arguments: Array(UInt64(1)...60))
    func aQueryValueNamedAKeyTicketSessionOrJWTIsRedacted(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let secret = Self.value(&random)
        let name = pick(["key", "jwt", "ticket", "sid", "sessionid"], &random)
        let first = random.next() % 2 == 0
        let query = first ? "?\(name)=\(secret)&size=\(random.next() % 640)" : "?center=0,0&\(name)=\(secret)"
        let text = "GET https://\(pick(["maps.googleapis.internal", "api.internal"], &random))/v1/\(pick(["export", "staticmap"], &random))\(query) HTTP/1.1"
        let shown = UnterminatedKeyBlockTests.streamed(text + "\n", &random)
        #expect(!shown.contains(secret), "\(shown)")
        #expect(shown.contains("\(name)="), "\(shown)")
    }

    @Test(arguments: [
        "sort key=name order=asc\n", "exit session=3\n", "Running with seed: 42\n", "encrypt: true\n", "deploy ALL=(ALL) NOPASSWD: ALL\n",
        "    (root) NOPASSWD: ALL\n", "%sudo ALL=(ALL:ALL) NOPASSWD:ALL\n", "< X-Request-Id: 4f6e2a10-1b2c-4d5e-9f80-a1b2c3d4e5f6\n",
        "< X-Api-Version: 2024-10-01\n", "rest_api: https://api.internal/v1\n",
        "    GSSAPIDelegateCredentials\n            Forward (delegate) credentials to the server.  The default is no.\n",
    ])
    func wordsThatNameNoValueHereAreKept(text: String) {
        #expect(SiblingFieldAndPromptSecretTests.streamedAtOnce(text) == text)
    }

    @Test(arguments: Array(UInt64(1)...80))
    func configNamesOfBindPasswordsAuthTokensAndSeedsTakeTheirValue(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let secret = Self.value(&random)
        let text: String
        switch random.next() % 4 {
        case 0: text = "\(pick(["bindpw", "BINDPW", "rootpw", "ldap_bindpw"], &random))\(pick([" ", "  ", "\t"], &random))\(secret)"
        case 1: text = "\(pick(["ldap_default_authtok", "krb5_authtok", "authtok"], &random))\(pick([" = ", "=", ": "], &random))\(secret)"
        case 2: text = "\(pick(["mnemonic", "wallet_mnemonic", "seed", "pepper"], &random))\(pick([": ", " = ", "="], &random))\"\(secret)\""
        default: text = "\(pick(["encrypt", "  encrypt"], &random)) = \"\(secret)=\""
        }
        let whole = SecretPolicy().redact("[domain/example.org]\n" + text + "\nid_provider = ldap\n")
        #expect(!whole.contains(secret) && whole.contains("id_provider = ldap"), "\(whole)")
        let shown = UnterminatedKeyBlockTests.streamed("[domain/example.org]\n" + text + "\nid_provider = ldap\n", &random)
        #expect(!shown.contains(secret), "\(shown)")
    }

    @Test(arguments: Array(UInt64(1)...60))
    func aVendorsXHeaderNamedForAnAPIOrTeamCarriesItsKey(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let secret = Self.value(&random)
        let vendor = pick(["Honeycomb", "JFrog-Art", "Acme", "Foo-Bar"], &random)
        let header = "X-\(vendor)-\(pick(["Api", "Team", "API", "team"], &random))"
        let text = "\(pick(["> ", "", "  -H '"], &random))\(header): \(secret)"
        let shown = UnterminatedKeyBlockTests.streamed("> GET /1/events HTTP/1.1\n" + text + "\n> Accept: */*\n", &random)
        #expect(!shown.contains(secret), "\(shown)")
        #expect(shown.contains(header), "\(shown)")
    }

    @Test(arguments: Array(UInt64(1)...60))
    func aTokenAsAURLsUserIsRedactedWhateverThePasswordSays(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let token = pick(["ghp", "glpat", "tok", ""], &random) + NamedArgvAndShapeSecretTests.randomValue(20 + Int(random.next() % 20), &random)
        let text = "git clone https://\(token):\(pick(["x-oauth-basic", "x-token-auth", "anything"], &random))@\(pick(["github.com", "git.internal"], &random))/acme/repo.git"
        let whole = SecretPolicy().redact(text)
        #expect(!whole.contains(token) && whole.hasSuffix("/acme/repo.git"), "\(whole)")
        let shown = UnterminatedKeyBlockTests.streamed(text + "\n", &random)
        #expect(!shown.contains(token), "\(shown)")
        #expect(shown.hasPrefix("git clone https:"), "\(shown)")
    }

    @Test(arguments: Array(UInt64(1)...80))
    func aRandomBodyOfOneCaseAfterAVendorsPrefixIsRedacted(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let upper = random.next() % 2 == 0
        let alphabet = Array(upper ? "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789" : "abcdefghijklmnopqrstuvwxyz0123456789")
        let body = String((0..<(32 + Int(random.next() % 40))).map { _ in pick(alphabet, &random) })
        let prefix = NamedArgvAndShapeSecretTests.words(1, &random)[0] + pick(["_", "-", ".", "0c01."], &random)
        let text = "\(pick(["got", "token", "export X="], &random)) \(prefix)\(body) ok"
        let shown = SecretPolicy().redact(text)
        #expect(!shown.contains(String(body.suffix(16))), "\(shown)")
    }

    @Test(arguments: [
        "Unpacking libfoo-dev_1.2.3-4ubuntu1_amd64.deb ...\n", "/nix/store/0c6fyl6zq5wrq3hz0x4hsn5jy2krdxx7-openssl-3.0.13/bin\n",
        "go: downloading golang.org/x/sys v0.0.0-20231010123456-abcdef123456\n", "image sha256-4d115cea325a65e19cbae530282bd36cb9d21f6b4d115cea\n",
        "Setting up python3-pkg-resources (68.1.2-2ubuntu1) ...\n", "ABCDEFGHIJ_KLMNOPQRSTUVWXYZ_ABCDEFGHIJKLMNOPQRST\n",
    ])
    func namesChecksumsAndVersionsAreNoTokens(text: String) {
        #expect(SecretPolicy().redact(text) == text)
    }

    @Test(arguments: Array(UInt64(1)...60))
    func aRegisteredSecretReRenderedByAToolIsRedacted(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let secret = NamedArgvAndShapeSecretTests.randomValue(10 + Int(random.next() % 6), &random) + pick(["", "!", "'", "&", "$"], &random)
        let policy = SecretPolicy(secrets: [secret])
        let printed: String
        switch random.next() % 4 {
        case 0: printed = secret.lowercased()
        case 1: printed = secret.map { $0.isLetter || $0.isNumber ? String($0) : "\\\($0)" }.joined()
        case 2: printed = " " + secret.utf8.map { String(format: "%02x", $0) }.joined(separator: " ")
        default: printed = "   " + secret.map(String.init).joined(separator: "   ")
        }
        let shown = policy.redact("0000000" + printed + "\n0000020\n")
        #expect(!shown.contains(printed), "\(shown)")
        #expect(shown.contains("0000020"), "\(shown)")
    }

    @Test(arguments: Array(UInt64(1)...10))
    func aVaultRecoveryTokenIsATokenByItsShape(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let body = NamedArgvAndShapeSecretTests.randomValue(24 + Int(random.next() % 8), &random)
        #expect(!SecretPolicy().redact("\(pick(["", "Token: ", "recovery token "], &random))hvr.\(body) ok").contains(body))
    }

    @Test(arguments: Array(UInt64(1)...60))
    func anAuditedArgvGetsACommandLinesRules(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let secret = Self.value(&random)
        let argv = pick([["sshpass", "-p", secret, "ssh", "deploy@web1"], ["mysql", "-u", "root", "-p" + secret], ["curl", "-u", "deploy:" + secret, "https://x"],
            ["docker", "login", "--password", secret, "reg.internal"]], &random)
        let hex = random.next() % 3 == 0
        let written = hex ? secret.utf8.map { String(format: "%02X", $0) }.joined() : secret
        let fields = argv.enumerated().map { index, word in
            hex && word.contains(secret) ? "a\(index)=" + word.utf8.map { String(format: "%02X", $0) }.joined() : "a\(index)=\"\(word)\""
        }
        let record = "type=EXECVE msg=audit(1765094400.000:\(random.next() % 999)): argc=\(argv.count) " + fields.joined(separator: " ")
        let shown = UnterminatedKeyBlockTests.streamed("type=SYSCALL msg=audit(1765094400.000:41): arch=c000003e syscall=59\n" + record + "\ntype=CWD cwd=\"/root\"\n", &random)
        #expect(!shown.contains(written), "\(shown)")
        #expect(shown.contains("a0=\"\(argv[0])\""), "\(shown)")
    }

    @Test(arguments: Array(UInt64(1)...60))
    func whatStraceShowsReadAfterAPromptIsRedacted(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let secret = Self.value(&random)
        let prompt = pick(["[sudo] password for deploy: ", "Kennwort für deploy:", "Enter PIN for authenticator: ", "Passphrase:", "[sudo] \\345\\257\\206\\347\\240\\201\\357\\274\\232"], &random)
        let prefix = pick(["", "[pid  4242] ", "12:00:01.123456 "], &random)
        let text = "\(prefix)write(2, \"\(prompt)\", \(prompt.utf8.count)) = \(prompt.utf8.count)\n\(prefix)read(0, \"\(secret)\\n\", 4096) = \(secret.utf8.count + 1)\n"
            + "\(prefix)read(0, \"y\\n\", 4096) = 2\n"
        let shown = SecretPolicy().redact(text)
        #expect(!shown.contains(secret), "\(shown)")
        #expect(shown.contains("read(0, \"y\\n\""), "a read after no prompt stays: \(shown)")
    }

    @Test(arguments: Array(UInt64(1)...60))
    func aValueInTheElementAfterOneNamingACredentialIsRedacted(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let secret = Self.value(&random)
        let (nameTag, valueTag) = pick([("key", "string"), ("name", "value"), ("key", "data")], &random)
        let name = pick(["Password", "fs.s3a.secret.key", "javax.jdo.option.ConnectionPassword", "api_token"], &random)
        let indent = pick(["", "  ", "\t"], &random)
        let named = "\(indent)<\(nameTag)>\(name)</\(nameTag)>"
        let between = pick(["", "\n" + indent, " "], &random)
        let text = "<dict>\n" + named + between + "<\(valueTag)>\(secret)</\(valueTag)>" + "\n\(indent)<key>Label</key>\n\(indent)<string>com.example.agent</string>\n</dict>\n"
        // Streamed in pieces when on one line (a value on the next line is read whole: a piece may start past the name's line).
        let shown = between.contains("\n") ? SecretPolicy().redact(text) : UnterminatedKeyBlockTests.streamed(text, &random)
        #expect(!shown.contains(secret), "\(shown)")
        #expect(shown.contains(named) && shown.contains("<string>com.example.agent</string>"), "\(shown)")
    }

    @Test(arguments: Array(UInt64(1)...60))
    func theColumnOfAQuotedCSVHeaderNamingACredentialIsRedacted(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var header = ["Title"] + ["Group", "Username", "URL", "Notes"].filter { _ in random.next() % 3 != 0 }
        let column = Int(random.next() % UInt64(header.count + 1))
        header.insert(pick(["Password", "password", "login_password"], &random), at: column)
        let rows = (0..<(1 + Int(random.next() % 3))).map { _ in header.indices.map { $0 == column ? Self.value(&random) : NamedArgvAndShapeSecretTests.words(1, &random)[0] } }
        let line = { (fields: [String]) in fields.map { "\"\($0)\"" }.joined(separator: ",") }
        let text = ([line(header)] + rows.map(line)).joined(separator: "\n") + "\n"
        let shown = SecretPolicy().redact(text)
        for row in rows { #expect(!shown.contains(row[column]), "\(shown)") }
        #expect(shown.hasPrefix(line(header)), "\(shown)")
    }

    @Test(arguments: Array(UInt64(1)...40))
    func theLastLiteralOfACallNamedForACredentialIsRedacted(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let secret = Self.value(&random) + pick(["", "!", "#"], &random)
        let arguments = (0..<Int(random.next() % 4)).map { _ in "\"\(NamedArgvAndShapeSecretTests.words(1, &random)[0])\"" } + ["\"\(secret)\""]
        let text = "\(pick(["credentials += Credentials", "PASSWORD", "new UsernamePasswordCredentials"], &random))(\(arguments.joined(separator: pick([", ", ","], &random))))"
        #expect(!SecretPolicy().redact(text).contains(secret), "\(text)")
    }

    @Test(arguments: Array(UInt64(1)...40))
    func theEchoedAnswerAfterAKennwortOrPINPromptIsRedacted(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let secret = Self.value(&random)
        let prompt = pick(["Kennwort für \(pick(["deploy", "ci"], &random)):", "Enter PIN for \(pick(["authenticator", "'deploy'"], &random)):", "Bitte Kennwort eingeben:"], &random)
        let shown = UnterminatedKeyBlockTests.streamed("\(prompt) \(secret)\nReading package lists...\n", &random)
        #expect(!shown.contains(secret), "\(shown)")
        #expect(shown.contains(prompt), "\(shown)")
    }

    @Test(arguments: Array(UInt64(1)...40))
    func theBodyOfAFormPartNamedForACredentialIsRedacted(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let secret = Self.value(&random) + pick(["", "%", "!"], &random)
        let boundary = "------------------------\(random.next() % 1_000_000)"
        let name = pick(["password", "api_token", "client_secret"], &random)
        let text = "--\(boundary)\r\nContent-Disposition: form-data; name=\"user\"\r\n\r\ndeploy\r\n--\(boundary)\r\n"
            + "Content-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(secret)\r\n--\(boundary)--\r\n"
        let shown = SecretPolicy().redact(text)
        #expect(!shown.contains(secret), "\(shown)")
        #expect(shown.contains("\r\ndeploy\r\n"), "\(shown)")
    }

    @Test(arguments: Array(UInt64(1)...30))
    func theBodyOfABlockLabelledForAnyCredentialIsRedacted(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let body = (0..<(1 + Int(random.next() % 3))).map { _ in NamedArgvAndShapeSecretTests.randomValue(60, &random) }
        let label = pick(["ARGO TUNNEL TOKEN", "NATS USER SEED", "VAULT PASSWORD", "APP CREDENTIALS"], &random)
        let text = "-----BEGIN \(label)-----\n" + body.joined(separator: "\n") + "\n-----END \(label)-----\nnext\n"
        let shown = SecretPolicy().redact(text)
        for line in body { #expect(!shown.contains(line), "\(shown)") }
        #expect(shown.hasSuffix("-----END \(label)-----\nnext\n"), "\(shown)")
    }
}
