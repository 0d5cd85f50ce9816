import InstallModel
import Orchestrator
import Testing

/// What redaction holds back of an unfinished word is released when the command goes quiet, without
/// letting a secret through: a value cut at the release goes on being redacted, a key still waits for its value.
@Suite struct QuietReleaseTests {
    private func release(_ chunks: [String], quietAfter: Set<Int>, secrets: [String] = []) -> String {
        var stream = SecretPolicy(secrets: secrets).makeStream()
        var out: [UInt8] = []
        for (index, chunk) in chunks.enumerated() {
            out += stream.process(Array(chunk.utf8)).bytes
            if quietAfter.contains(index) { out += stream.releaseWhileQuiet().bytes }
        }
        out += stream.finish().bytes
        return String(decoding: out, as: UTF8.self)
    }

    @Test func aPlainUnfinishedWordIsReleasedAsItIs() {
        var stream = SecretPolicy().makeStream()
        #expect(stream.process(Array("progress: downloading".utf8)).bytes == Array("progress: ".utf8))
        #expect(stream.releaseWhileQuiet().bytes == Array("downloading".utf8))
        #expect(!stream.isHolding)
    }

    @Test func aValueCutByTheReleaseGoesOnBeingRedacted() {
        let out = release(["token=Ab3", "Cd9Ef done\n"], quietAfter: [0])
        #expect(out.hasPrefix("token=[redacted]") && out.hasSuffix(" done\n"), "\(out)")
        #expect(!out.contains("Ab3") && !out.contains("Cd9Ef"), "\(out)")
    }

    @Test func aKeyWaitingForItsValueStillGetsIt() {
        let out = release(["mysql --password ", "Hx8Qm7 next\n"], quietAfter: [0])
        #expect(!out.contains("Hx8Qm7"), "\(out)")
        #expect(out.contains("next"))
    }

    @Test func theBeginningOfARegisteredSecretIsRedactedWhenReleased() {
        let out = release(["typed: s3cr", "et-Passw0rd ok\n"], quietAfter: [0], secrets: ["s3cret-Passw0rd"])
        #expect(!out.contains("s3cr") && !out.contains("Passw0rd"), "\(out)")
    }
}
