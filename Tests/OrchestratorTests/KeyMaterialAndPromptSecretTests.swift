import Foundation
import InstallModel
@testable import Orchestrator
import Testing

/// Private keys that are no PEM block (PuTTY `.ppk`, a JWK's private members, `openssl … -text` dumps,
/// minisign secret keys, WireGuard and kubeconfig keys, registry `auths`), passphrases of several words,
/// and prompts whose value follows on the same or the next non-blank line (Jenkins, Elasticsearch).
/// Values, names, layouts and the lines around are drawn at random.
@Suite struct KeyMaterialAndPromptSecretTests {
    typealias Case = GeneratedSecretCase
    static func base64(_ random: inout SplitMix64, _ count: Int) -> String { SecretCredentialFormatTests.base64(&random, count) }
    static func word(_ random: inout SplitMix64) -> String { SecretCredentialFormatTests.word(&random) }
    static func hexColons(_ random: inout SplitMix64, bytes: Int) -> [String] {
        let hex = Array("0123456789abcdef")
        let all = (0..<bytes).map { _ in String([pick(hex, &random), pick(hex, &random)]) }
        return stride(from: 0, to: all.count, by: 15).map { "    " + all[$0..<min(all.count, $0 + 15)].joined(separator: ":") + ($0 + 15 < all.count ? ":" : "") }
    }

    static func puttyKey(_ random: inout SplitMix64) -> Case {
        let privateLines = (0..<(1 + Int(random.next() % 3))).map { _ in base64(&random, 64) }
        let mac = String((0..<64).map { _ in pick(Array("0123456789abcdef"), &random) })
        let text = """
            PuTTY-User-Key-File-3: ssh-ed25519
            Encryption: none
            Comment: \(word(&random))@\(word(&random))
            Public-Lines: 2
            AAAAC3NzaC1lZDI1NTE5AAAAI\(base64(&random, 39))
            \(base64(&random, 20))
            Private-Lines: \(privateLines.count)
            \(privateLines.joined(separator: "\n"))
            Private-MAC: \(mac)
            """
        return Case(family: "putty-ppk", text: text, secret: random.next() % 3 == 0 ? mac : pick(privateLines, &random))
    }

    static func jwk(_ random: inout SplitMix64) -> Case {
        let member = pick(["d", "p", "q", "dp", "dq", "qi"], &random)
        let value = base64(&random, 43).replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        switch random.next() % 3 {
        case 0:
            return Case(family: "jwk-private-member", text: "{\"kty\":\"RSA\",\"n\":\"\(base64(&random, 86))\",\"e\":\"AQAB\",\"\(member)\":\"\(value)\",\"kid\":\"\(word(&random))\"}", secret: value)
        case 1:
            return Case(family: "jwk-private-member", text: "{\"kty\":\"oct\",\"k\":\"\(value)\",\"alg\":\"HS256\"}", secret: value)
        default:
            let text = "{\n  \"crv\": \"P-256\",\n  \"d\": \"\(value)\",\n  \"kty\": \"EC\",\n  \"x\": \"\(base64(&random, 43))\",\n  \"y\": \"\(base64(&random, 43))\"\n}"
            return Case(family: "jwk-private-member", text: text, secret: value)
        }
    }

    static func opensslText(_ random: inout SplitMix64) -> Case {
        if random.next() % 2 == 0 {
            let priv = hexColons(&random, bytes: 32)
            let text = "\(pick(["ED25519 Private-Key:", "Private-Key: (256 bit)"], &random))\npriv:\n\(priv.joined(separator: "\n"))\npub:\n\(hexColons(&random, bytes: 32).joined(separator: "\n"))"
            return Case(family: "openssl-text", text: text, secret: pick(priv, &random).trimmingCharacters(in: .whitespaces))
        }
        var blocks: [(String, [String])] = [("modulus", hexColons(&random, bytes: 64))]
        for name in ["privateExponent", "prime1", "prime2", "exponent1", "exponent2", "coefficient"] { blocks.append((name, hexColons(&random, bytes: 32))) }
        let secretLines = blocks.dropFirst().flatMap(\.1)
        let dumped = blocks.map { "\($0.0):\n" + $0.1.joined(separator: "\n") }
        let text = "Private-Key: (512 bit, 2 primes)\n" + dumped[0] + "\npublicExponent: 65537 (0x10001)\n" + dumped.dropFirst().joined(separator: "\n")
        return Case(family: "openssl-text", text: text, secret: pick(secretLines, &random).trimmingCharacters(in: .whitespaces))
    }

    static func minisign(_ random: inout SplitMix64) -> Case {
        let value = "RWRTY0Iy" + base64(&random, 150)
        return Case(family: "minisign-secret-key", text: "untrusted comment: minisign encrypted secret key\n\(value)", secret: value)
    }

    static func configuredKey(_ random: inout SplitMix64) -> Case {
        let value = base64(&random, 43) + "="
        switch random.next() % 4 {
        case 0:
            return Case(family: "configured-key", text: "[Interface]\nAddress = 10.0.0.\(random.next() % 200)/24\nPrivateKey = \(value)\nListenPort = 51820", secret: value)
        case 1:
            let data = base64(&random, 120)
            return Case(family: "configured-key", text: "users:\n- name: \(word(&random))\n  user:\n    client-certificate-data: \(base64(&random, 60))\n    client-key-data: \(data)", secret: data)
        case 2:
            let token = "eyJhbGciOiJSUzI1NiJ9." + base64(&random, 60).replacingOccurrences(of: "/", with: "_")
            return Case(family: "configured-key", text: "users:\n- name: \(word(&random))\n  user:\n    token: \(token)", secret: token)
        default:
            let auth = Data("\(word(&random)):\(SecretCredentialFormatTests.secret(&random))".utf8).base64EncodedString()
            return Case(family: "configured-key", text: "{\"auths\":{\"\(word(&random)).io\":{\"auth\":\"\(auth)\"}}}", secret: auth)
        }
    }

    static func passphrase(_ random: inout SplitMix64) -> Case {
        let words = (0..<(3 + Int(random.next() % 3))).map { _ in word(&random) }.joined(separator: " ")
        let name = pick(["passphrase", "Passphrase", "password", "key_passphrase", "GPG_PASSPHRASE"], &random)
        switch random.next() % 4 {
        case 0: return Case(family: "passphrase-words", text: "\(name): \(words)", secret: words)
        case 1: return Case(family: "passphrase-words", text: "\(word(&random)) \(name)=\"\(words)\" \(word(&random))", secret: words)
        case 2: return Case(family: "passphrase-words", text: "  \(name) = \(words)", secret: words)
        default: return Case(family: "passphrase-words", text: "using \(name): '\(words)'", secret: words)
        }
    }

    static func prompt(_ random: inout SplitMix64) -> Case {
        let hex = String((0..<32).map { _ in pick(Array("0123456789abcdef"), &random) })
        let value = SecretCredentialFormatTests.secret(&random)
        switch random.next() % 4 {
        case 0:
            let text = """
                *************************************************************

                Jenkins initial setup is required. An admin user has been created and a password generated.
                Please use the following password to proceed to installation:

                \(hex)

                This may also be found at: /var/jenkins_home/secrets/initialAdminPassword

                *************************************************************
                """
            return Case(family: "prompt-next-line", text: text, secret: hex)
        case 1:
            return Case(family: "prompt-same-line", text: "The generated password for the elastic built-in superuser is : \(value)", secret: value)
        case 2:
            return Case(family: "prompt-same-line", text: "Password for the [elastic] user successfully reset.\nNew value: \(value)", secret: value)
        default:
            return Case(family: "prompt-next-line", text: "Your new API token is:\n\n    \(value)\n\nKeep it safe.", secret: value)
        }
    }

    static let generators: [@Sendable (inout SplitMix64) -> Case] = [puttyKey, jwk, opensslText, minisign, configuredKey, passphrase, prompt]

    @Test func keyMaterialAndPromptedValuesAreRedacted() {
        let leaks = leakingFamilies(Self.generators, seed: 0x12_4E7A, rounds: 700)
        #expect(leaks.isEmpty, "\(leaks)")
    }
}
