import Testing

@testable import Orchestrator

/// The parsing behind release checksum files and repository key fingerprints.
struct TrustCheckTests {
    static let digest = String(repeating: "ab", count: 32)
    static let other = String(repeating: "cd", count: 32)

    @Test func checksumFileFindsTheAssetInSha256sumTextAndBinaryModes() {
        let text = "\(Self.other)  tool-linux-arm64.tar.gz\n\(Self.digest) *dist/tool-linux-x86_64.tar.gz\n"
        #expect(ChecksumFile.digest(for: "tool-linux-x86_64.tar.gz", in: text) == Self.digest)
        #expect(ChecksumFile.digest(for: "tool-linux-arm64.tar.gz", in: text) == Self.other)
        #expect(ChecksumFile.digest(for: "tool.zip", in: text) == nil)
    }

    @Test func perAssetSha256FileWithOnlyTheDigestIsAccepted() {
        #expect(ChecksumFile.digest(for: "tool.tar.xz", in: Self.digest.uppercased() + "\n") == Self.digest)
    }

    @Test func onlyPrimaryKeyFingerprintsCountNotSubkeys() {
        // Shaped like `gpg --with-colons --fingerprint` of a key with a signing subkey.
        let colons = """
            pub:-:255:22:84C24DD785C18A01:1796002917:::-:::scESC::::::23::0:
            fpr:::::::::e74e7018617c09f5b5227f7a84c24dd785c18a01:
            uid:-::::1796002917::D646420976::evlog test repo <repo@example.invalid>::::::::::0:
            sub:-:255:18:1111111111111111:1796002917::::::e::::::23:
            fpr:::::::::2222222222222222222222222222222222222222:
            """
        #expect(SigningKey.primaryFingerprints(inColons: colons) == ["E74E7018617C09F5B5227F7A84C24DD785C18A01"])
    }

    /// gpg-agent's socket lives in the GnuPG home; under a long `--home` it would pass the socket path
    /// limit and every import would fail. Such a home moves to a short directory in /tmp, and a
    /// different work directory never shares it.
    @Test func aLongWorkDirectoryGetsAShortGnupgHome() {
        let short = "/root/.local/share/evlog/work/p-1/keys/docker"
        #expect(SigningKey.gnupgHome(for: short) == short + "/gnupg")
        let long = "/tmp/" + String(repeating: "h", count: 90) + "/work/p-1/keys/docker"
        let moved = SigningKey.gnupgHome(for: long)
        #expect(moved.hasPrefix("/tmp/evlog-gnupg-"))
        #expect(moved.utf8.count + "/S.gpg-agent.browser".utf8.count < 108)
        #expect(moved != SigningKey.gnupgHome(for: long + "2"))
    }
}
