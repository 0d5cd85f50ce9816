import Foundation
import InstallModel
@testable import Orchestrator
import Testing

/// A credential named by another field than its value's: the value's key is generic (`value`, `result`)
/// and a sibling names the credential (az keyvault's `name`, terraform's output name, `random_password`'s
/// type), a table's column header names it, a row's first cell names it (AWS's output), or a spaced name before a colon
/// (Vault's `Unseal Key 1:`). UUID values under a name that says they are the secret (`SecretID`).
/// Names, values, indentation and the fields around are drawn at random.
@Suite struct NamedFieldSecretTests {
    typealias Case = GeneratedSecretCase
    static func secret(_ random: inout SplitMix64) -> String { SecretCredentialFormatTests.secret(&random) }
    static func word(_ random: inout SplitMix64) -> String { SecretCredentialFormatTests.word(&random) }

    /// A credential's name as a resource names it (`db-password`, `stripeApiKey`, `SLACK_TOKEN`).
    static func resourceName(_ random: inout SplitMix64) -> String {
        let parts = pick([["db"], ["app"], [word(&random)]], &random) + pick([["password"], ["secret"], ["token"], ["api", "key"], ["admin", "password"]], &random)
        switch random.next() % 3 {
        case 0: return parts.joined(separator: "-")
        case 1: return parts.joined(separator: "_")
        default: return parts[0] + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        }
    }

    static func uuid(_ random: inout SplitMix64) -> String {
        let hex = Array("0123456789abcdef")
        return [8, 4, 4, 4, 12].map { count in String((0..<count).map { _ in pick(hex, &random) }) }.joined(separator: "-")
    }

    static func azKeyVault(_ random: inout SplitMix64) -> Case {
        let (name, value, vault) = (resourceName(&random), secret(&random), word(&random))
        let tags = pick(["{}", "{\n    \"env\": \"\(word(&random))\"\n  }", "null"], &random)
        let text = """
            {
              "attributes": {
                "created": "2026-12-0\(random.next() % 9 + 1)T10:00:00+00:00",
                "enabled": true
              },
              "contentType": null,
              "id": "https://\(vault).vault.azure.net/secrets/\(name)/\(uuid(&random).replacingOccurrences(of: "-", with: ""))",
              "kid": null,
              "managed": null,
              "name": "\(name)",
              "tags": \(tags),
              "value": "\(value)"
            }
            """
        return Case(family: "az-keyvault-name-value", text: text, secret: value)
    }

    static func terraformOutputJSON(_ random: inout SplitMix64) -> Case {
        let (name, value) = (resourceName(&random).replacingOccurrences(of: "-", with: "_"), secret(&random))
        if random.next() % 2 == 0 {
            return Case(family: "terraform-output-json", text: "{\"\(name)\":{\"sensitive\":true,\"type\":\"string\",\"value\":\"\(value)\"}}", secret: value)
        }
        let text = """
            {
              "\(word(&random))_url": {
                "sensitive": false,
                "type": "string",
                "value": "https://\(word(&random)).example.com"
              },
              "\(name)": {
                "sensitive": true,
                "type": "string",
                "value": "\(value)"
              }
            }
            """
        return Case(family: "terraform-output-json", text: text, secret: value)
    }

    static func randomPasswordState(_ random: inout SplitMix64) -> Case {
        let value = secret(&random) + pick(["!", "#", "%", "-"], &random) + "x"
        let name = word(&random)
        if random.next() % 2 == 0 {
            let text = """
                # random_password.\(name):
                resource "random_password" "\(name)" {
                    bcrypt_hash = (sensitive value)
                    id          = "none"
                    length      = 24
                    lower       = true
                    result      = "\(value)"
                    special     = true
                }
                """
            return Case(family: "random-password-state", text: text, secret: value)
        }
        let text = """
                {
                  "mode": "managed",
                  "type": "random_password",
                  "name": "\(name)",
                  "provider": "provider[\\"registry.terraform.io/hashicorp/random\\"]",
                  "instances": [
                    {
                      "schema_version": 3,
                      "attributes": {
                        "id": "none",
                        "length": 24,
                        "result": "\(value)",
                        "special": true
                      }
                    }
                  ]
                }
            """
        return Case(family: "random-password-state", text: text, secret: value)
    }

    static func spacedTable(_ random: inout SplitMix64) -> Case {
        let value = pick(["dop_v1_", "", "glpat-"], &random) + secret(&random)
        let header = pick(["TOKEN", "SECRET", "PASSWORD", "ACCESS_TOKEN", "Token"], &random)
        let name = word(&random)
        let other = word(&random)
        let columns = random.next() % 2 == 0
        let text = columns
            ? "NAME        \(header)\(String(repeating: " ", count: value.count - header.count + 3))CREATED\n\(name)\(String(repeating: " ", count: 12 - name.count))\(value)   2026-12-01\n\(other)\(String(repeating: " ", count: 12 - other.count))\(secret(&random))   2026-12-02"
            : "NAME\t\(header)\n\(name)\t\(value)"
        return Case(family: "spaced-table-column", text: text, secret: value)
    }

    static func vaultInit(_ random: inout SplitMix64) -> Case {
        let keys = (1...5).map { _ in SecretCredentialFormatTests.base64(&random, 44) }
        let root = pick(["hvs.", "s.", ""], &random) + SecretCredentialFormatTests.base64(&random, 24).replacingOccurrences(of: "/", with: "x").replacingOccurrences(of: "+", with: "y")
        let lines = keys.enumerated().map { "Unseal Key \($0.offset + 1): \($0.element)" }.joined(separator: "\n")
        let which = random.next() % 6
        let text = lines + "\n\nInitial Root Token: \(root)\n\nVault initialized with 5 key shares and a key threshold of 3."
        return Case(family: "vault-init", text: text, secret: which == 5 ? root : keys[Int(which)])
    }

    static func stsOutput(_ random: inout SplitMix64) -> Case {
        let secretKey = SecretCredentialFormatTests.base64(&random, 40)
        let session = "IQoJb3JpZ2luX2Vj" + SecretCredentialFormatTests.base64(&random, 200)
        let which = random.next() % 2 == 0 ? secretKey : session
        if random.next() % 2 == 0 {
            return Case(family: "sts-text", text: "CREDENTIALS\tASIA\(String(repeating: "Q", count: 16))\t2026-12-07T04:00:00+00:00\t\(secretKey)\t\(session)", secret: which)
        }
        let text = """
            ------------------------------------------------------------------------
            |                            GetSessionToken                           |
            +----------------------------------------------------------------------+
            ||                             Credentials                            ||
            |+------------------+-------------------------------------------------+|
            ||  AccessKeyId     |  ASIAQQQQQQQQQQQQQQQQ                            ||
            ||  Expiration      |  2026-12-07T04:00:00+00:00                       ||
            ||  SecretAccessKey |  \(secretKey)        ||
            ||  SessionToken    |  \(session)   ||
            |+------------------+-------------------------------------------------+|
            """
        return Case(family: "sts-table", text: text, secret: which)
    }

    static func uuidUnderName(_ random: inout SplitMix64) -> Case {
        let value = uuid(&random)
        let text: String
        switch random.next() % 6 {
        case 0: text = "AccessorID:       \(uuid(&random))\nSecretID:         \(value)\nDescription:      \(word(&random))"
        case 1: text = "Key                   Value\n---                   -----\nsecret_id             \(value)\nsecret_id_accessor    \(uuid(&random))"
        case 2: text = "{\"client_id\": \"\(uuid(&random))\", \"client_secret\": \"\(value)\"}"
        case 3: text = "curl -H \"X-Vault-Token: \(value)\" https://vault:8200/v1/sys/health"
        case 4: text = "export VAULT_SECRET_ID=\(value)"
        default: text = "secret_id=\(value)"
        }
        return Case(family: "uuid-under-credential-name", text: text, secret: value)
    }

    static let generators: [@Sendable (inout SplitMix64) -> Case] = [
        azKeyVault, terraformOutputJSON, randomPasswordState, spacedTable, vaultInit, stsOutput, uuidUnderName,
    ]

    @Test func aCredentialNamedByAnotherFieldIsRedacted() {
        let leaks = leakingFamilies(Self.generators, seed: 0x12_F1E1D5, rounds: 800)
        #expect(leaks.isEmpty, "\(leaks)")
    }
}
