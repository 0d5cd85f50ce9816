import Foundation
import InstallModel
@testable import Orchestrator
import Testing

/// Values that look like the secrets the named-field and key-material rules find, but are public: request
/// ids shaped like a pgpass line, signatures and digests, a JWK's public members, an id that names a
/// secret's accessor, a table whose columns name no credential. Drawn at random; none is redacted.
@Suite struct PublicValueFalsePositiveTests {
    static func hex(_ random: inout SplitMix64, _ count: Int, upper: Bool = false) -> String {
        String((0..<count).map { _ in pick(Array(upper ? "0123456789ABCDEF" : "0123456789abcdef"), &random) })
    }

    static func publicLine(_ random: inout SplitMix64) -> String {
        switch random.next() % 8 {
        case 0:
            return "X-GitHub-Request-Id: \((0..<5).map { _ in hex(&random, 4 + Int(random.next() % 5), upper: true) }.joined(separator: ":"))"
        case 1:
            return "Signature   : RSA/SHA256, Mon 07 Dec 2026 02:00:00 AM UTC, Key ID \(hex(&random, 16))"
        case 2:
            return "Signature: \(SecretCredentialFormatTests.base64(&random, 88))"
        case 3:
            return pick(["Digest: sha256:", "    --hash=sha256:", "sha256:"], &random) + hex(&random, 64)
        case 4:
            return "{\"kty\":\"RSA\",\"n\":\"\(SecretCredentialFormatTests.base64(&random, 86))\",\"e\":\"AQAB\",\"kid\":\"\(hex(&random, 8))\"}"
        case 5:
            return "AccessorID:       \(NamedFieldSecretTests.uuid(&random))\nsecret_id_accessor    \(NamedFieldSecretTests.uuid(&random))"
        case 6:
            let name = SecretCredentialFormatTests.word(&random)
            return "NAME        READY   STATUS    RESTARTS   AGE\n\(name)\(String(repeating: " ", count: 12 - name.count))1/1     Running   0          \(random.next() % 50)d"
        default:
            return "gpg: Signature made Mon 07 Dec 2026 02:00:00 AM UTC\ngpg:                using RSA key \(hex(&random, 40, upper: true))"
        }
    }

    @Test func publicValuesShapedLikeSecretsAreKept() {
        var random = SplitMix64(seed: 0x12_FA15E)
        for _ in 0..<400 {
            let text = Self.publicLine(&random)
            #expect(SecretPolicy().redact(text) == text, "\(text)")
        }
    }
}
