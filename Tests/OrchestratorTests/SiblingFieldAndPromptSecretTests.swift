import InstallModel
@testable import Orchestrator
import Testing

/// A credential named in a sibling field (secrets15 F1: `"ParameterKey": "DBPassword", "ParameterValue": X`, az's
/// `"keyName": "key1", …, "value": X`), the answer after sudo's prompt in any language (F23), and what must stay:
/// a `*passwd` program's message (F8), names that start like a token (`xapp-sn-watcher`, `sk-ecdsa-sha2-nistp256`;
/// F17). Names, layouts, fields between and values are drawn at random.
@Suite struct SiblingFieldAndPromptSecretTests {
    static func value(_ random: inout SplitMix64) -> String { NamedArgvAndShapeSecretTests.randomValue(12 + Int(random.next() % 20), &random) }

    @Test(arguments: Array(UInt64(1)...80))
    func aValueBesideAFieldNamingACredentialIsRedacted(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let secret = Self.value(&random)
        let (nameKey, valueKey) = pick([("ParameterKey", "ParameterValue"), ("OutputKey", "OutputValue"), ("Name", "Value"), ("name", "value"), ("keyName", "value")], &random)
        let named = nameKey == "keyName"
            ? pick(["key1", "key2", "primary", "secondary"], &random)
            : pick(["DBPassword", "/prod/db/password", "api_token", "AdminSecret", "client-secret"], &random)
        let between = pick(["", "\"Type\": \"SecureString\"", "\"permissions\": \"FULL\"", "\"creationTime\": \"2026-12-01T10:00:00Z\""], &random)
        let fields = ["\"\(nameKey)\": \"\(named)\""] + (between.isEmpty ? [] : [between]) + ["\"\(valueKey)\": \"\(secret)\""]
        let text: String
        if random.next() % 2 == 0 {
            text = "[{" + fields.joined(separator: ", ") + "}]"
        } else {
            let indent = String(repeating: " ", count: 2 + Int(random.next() % 6))
            text = "[\n  {\n" + fields.map { indent + $0 }.joined(separator: ",\n") + "\n  }\n]"
        }
        let shown = UnterminatedKeyBlockTests.streamed(text + "\n", &random)
        #expect(!shown.contains(secret), "\(shown)")
        #expect(shown.contains("\"\(valueKey)\""), "the value's key stays: \(shown)")
    }

    @Test(arguments: Array(UInt64(1)...60))
    func everyItemOfAListUnderACredentialsNameIsRedacted(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let secrets = (0..<(1 + Int(random.next() % 5))).map { _ in Self.value(&random) }
        let name = pick(["api_keys", "unseal_keys_b64", "recovery_keys_hex", "passwords", "tokens", "deployKeys"], &random)
        let indent = String(repeating: " ", count: Int(random.next() % 4))
        let text: String
        switch random.next() % 3 {
        case 0:
            let itemIndent = indent + pick(["", "  "], &random)
            text = "\(indent)\(name):\n" + secrets.map { "\(itemIndent)- \(pick([$0, "\"\($0)\""], &random))" }.joined(separator: "\n")
        case 1: text = "{\n\(indent)\"\(name)\": [\n" + secrets.map { "\(indent)  \"\($0)\"" }.joined(separator: ",\n") + "\n\(indent)],\n\(indent)\"unseal_threshold\": 3\n}"
        default: text = "{\"\(name)\": {" + secrets.enumerated().map { "\"\($0.offset + 1)\": \"\($0.element)\"" }.joined(separator: ", ") + "}}"
        }
        let shown = UnterminatedKeyBlockTests.streamed(text + "\nnext: \(random.next() % 9)\n", &random)
        for secret in secrets { #expect(!shown.contains(secret), "\(shown)") }
        #expect(shown.contains("next: "))
    }

    @Test(arguments: Array(UInt64(1)...80))
    func theAnswerAfterSudosPromptInAnyLanguageIsRedacted(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let secret = pick([Self.value(&random), String(Self.value(&random).filter(\.isLetter))], &random)
        let user = pick(["deploy", "ci", "ubuntu"], &random)
        let noun = pick(["пароль для", "mot de passe de", "contraseña para", "lösenord för", "hasło użytkownika", "parolă pentru", "Şifrə", "x7 qwe zzz"], &random)
        let prompt = pick(["[sudo] \(noun) \(user):", "[sudo] \(noun) \(user) :", "[sudo] \(user) 的密码：", "[sudo] \(user)のパスワード:"], &random)
        let after = "Reading package lists... \(random.next() % 100)%"
        let shown = UnterminatedKeyBlockTests.streamed("\(prompt)\(pick([" ", "", "  "], &random))\(secret)\n\(after)\n", &random)
        #expect(!shown.contains(secret), "\(shown)")
        #expect(shown.contains(prompt) && shown.contains(after), "\(shown)")
    }

    @Test(arguments: Array(UInt64(1)...60))
    func aValueOnTheLineBelowALongSentenceEndingInAColonIsRedacted(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let secret = Self.value(&random)
        let noun = pick(["Password", "password", "enrollment token", "API token", "secret"], &random)
        let words = NamedArgvAndShapeSecretTests.words(5 + Int(random.next() % 10), &random)
        let sentence = pick(["", "ℹ️  ", "  "], &random) + "\(pick(["", "Copy the "], &random))\(noun) " + words.joined(separator: " ")
            + pick(["", " (reset with `bin/elasticsearch-reset-password -u elastic`)", " (valid for the next 30 minutes)"], &random) + ":"
        let text = sentence + "\n" + pick(["", "\n"], &random) + pick(["  ", "", "\t"], &random) + secret + "\nnext \(random.next() % 9) lines\n"
        let shown = UnterminatedKeyBlockTests.streamed(text, &random)
        #expect(!shown.contains(secret), "\(shown)")
        #expect(shown.contains(sentence), "\(shown)")
    }

    @Test(arguments: [
        "[sudo] password for deploy: \nSorry, try again.\n", "[sudo] пароль для deploy: Sorry, try again.\n", "passwd: Authentication token manipulation error\n",
        "passwd: password unchanged\n", "chpasswd: (user deploy) pam_chauthtok() failed, error:\nAuthentication token manipulation error\n",
        "gpasswd: user 'deploy' is not a member of 'docker'\n", "Unpacking xapp-sn-watcher (1.0.8-1) ...\n", "Setting up xapps-common (2.8.6-1) ...\n",
        "hostkeyalgorithms sk-ecdsa-sha2-nistp256@openssh.com,sk-ssh-ed25519-cert-v01@openssh.com,ssh-ed25519\n",
        "debug2: host key algorithms: sk-ssh-ed25519@openssh.com,sk-ecdsa-sha2-nistp256-cert-v01@openssh.com\n",
    ])
    func messagesAndNamesAreKept(text: String) {
        #expect(Self.streamedAtOnce(text) == text)
    }

    /// `text` through a fresh stream in one write, then its end.
    static func streamedAtOnce(_ text: String) -> String {
        var stream = SecretPolicy().makeStream()
        return String(decoding: stream.process(Array(text.utf8)).bytes + stream.finish().bytes, as: UTF8.self)
    }

    @Test(arguments: Array(UInt64(1)...40))
    func aPasswdProgramsOneWordValueIsStillRedacted(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let secret = Self.value(&random)
        #expect(!SecretPolicy().redact("\(pick(["passwd", "db_passwd", "smtp_passwd"], &random)): \(secret)").contains(secret))
    }
}
