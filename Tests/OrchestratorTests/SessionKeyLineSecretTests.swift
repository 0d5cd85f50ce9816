import Foundation
import InstallModel
@testable import Orchestrator
import Testing

/// Keys printed as fields of a line (secrets11 F8): the NSS key log `SSLKEYLOGFILE` writes, WireGuard's
/// `wg show … dump`; and OpenVPN's inline `<auth-user-pass>` lines. Keys, labels, names and peers are drawn at random.
@Suite struct SessionKeyLineSecretTests {
    static func hex(_ digits: Int, _ random: inout SplitMix64) -> String {
        String((0..<digits).map { _ in pick(Array("0123456789abcdef"), &random) })
    }

    static func wireGuardKey(_ random: inout SplitMix64) -> String {
        String((0..<43).map { _ in pick(Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"), &random) }) + "="
    }

    @Test(arguments: Array(UInt64(1)...60))
    func theSecretOfAKeyLogLineIsRedacted(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let lines = (0..<(1 + Int(random.next() % 5))).map { _ in
            let label = pick(["CLIENT_RANDOM", "CLIENT_HANDSHAKE_TRAFFIC_SECRET", "SERVER_TRAFFIC_SECRET_0", "EXPORTER_SECRET", "CLIENT_EARLY_TRAFFIC_SECRET"], &random)
            return (label, Self.hex(64, &random), Self.hex(pick([64, 96], &random), &random))
        }
        let text = lines.map { "\($0.0) \($0.1) \($0.2)" }.joined(separator: "\n") + "\n"
        let shown = SecretPolicy().redact(text)
        for line in lines {
            #expect(!shown.contains(line.2), "\(shown)")
            #expect(shown.contains("\(line.0) "), "the label stays: \(shown)")
        }
    }

    @Test(arguments: Array(UInt64(1)...60))
    func theInterfacesPrivateKeyAndAPeersPresharedKeyOfAWireGuardDumpAreRedacted(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let (privateKey, publicKey, peer, preshared) = (Self.wireGuardKey(&random), Self.wireGuardKey(&random), Self.wireGuardKey(&random), Self.wireGuardKey(&random))
        let name = random.next() % 2 == 0 ? pick(["wg0", "wg-office"], &random) + "\t" : ""
        let text = "\(name)\(privateKey)\t\(publicKey)\t\(51820 + random.next() % 100)\t\(pick(["off", "0xca6c"], &random))\n"
            + "\(name)\(peer)\t\(preshared)\t\(pick(["203.0.113.7:51820", "(none)"], &random))\t10.0.0.2/32\t\(random.next() % 2_000_000_000)\t1024\t2048\toff\n"
        let shown = SecretPolicy().redact(text)
        #expect(!shown.contains(privateKey) && !shown.contains(preshared), "\(shown)")
        #expect(shown.contains(publicKey) && shown.contains(peer), "public keys stay: \(shown)")
    }

    @Test(arguments: [
        "SOME_LABEL deadbeef\n", "CLIENT_RANDOM is a field\n", "abc\tdef=\tghi\n",
        "peer: vYt4zk1YCZkzfWGw4Xr8vTnQ2kcYXqQh8H6QeU1g8XU=\tendpoint 203.0.113.7:51820\n",
    ])
    func linesOfOtherShapesAreKept(text: String) {
        #expect(SecretPolicy().redact(text) == text)
    }

    @Test(arguments: Array(UInt64(1)...40))
    func theLinesOfAnInlineCredentialElementAreRedacted(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let (user, password) = (NamedArgvAndShapeSecretTests.words(1, &random)[0], EncodedLayerAndNameSecretTests.value(&random))
        let name = pick(["auth-user-pass", "http-proxy-user-pass", "password"], &random)
        let text = "remote vpn.example.org 1194\n<\(name)>\n\(user)\n\(password)\n</\(name)>\n<ca>\n"
        let shown = SecretPolicy().redact(text)
        #expect(!shown.contains(password), "\(shown)")
        #expect(shown.contains("<\(name)>\n") && shown.contains("</\(name)>\n<ca>"), "\(shown)")
    }
}
