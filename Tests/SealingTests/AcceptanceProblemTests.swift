import Crypto
import EventLog
import Foundation
import InstallModel
import Sealing
import Testing

/// `verify --accept-rollback` overrides only the record of seals seen: a forged tail, a broken seal, no seal, or
/// (for this home's log) another key's seals are never accepted; a crash's tail and a whole log are (integrity10
/// finding 3: a forged tail was recorded as "the latest of its log").
struct AcceptanceProblemTests {
    let key = HostKey(Curve25519.Signing.PrivateKey())

    @Test(arguments: 1...4 as ClosedRange<UInt64>)
    func onlyWhatASealOrACrashExplainsIsAccepted(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let count = Int.random(in: 4...12, using: &random)
        let path = try SealedLogs.newLogPath()
        try SealedLogs.write(path, count: count, sealAfter: [2], key: key)
        let whole = try SealVerifier.verify(path: path, expected: key.publicKey)
        #expect(whole.acceptanceProblem(hostFingerprint: key.publicKey.fingerprint) == nil, "\(whole.summary)")
        let other = HostKey(Curve25519.Signing.PrivateKey()).publicKey.fingerprint
        #expect(whole.acceptanceProblem(hostFingerprint: other)?.contains("not by this host's key") == true)
        #expect(whole.acceptanceProblem(hostFingerprint: String?.none) == nil, "a log of another home is judged by its seals alone")

        let forged = try SealedLogs.rewrite(path) { records in
            for extra in 1...Int.random(in: 1...3, using: &random) {
                records.append(.init(payload: SealedLogs.event(count + extra, type: "step_done"), checkpoint: false))
            }
        }
        let forgedReport = try SealVerifier.verify(path: forged, expected: key.publicKey)
        #expect(forgedReport.acceptanceProblem(hostFingerprint: nil)?.contains("no crash left") == true, "\(forgedReport.summary)")

        let edited = try SealVerifier.verify(path: try SealedLogs.forge(path, record: 1, byte: 10), expected: key.publicKey)
        #expect(edited.acceptanceProblem(hostFingerprint: nil) != nil, "\(edited.summary)")

        let crashed = try SealedLogs.newLogPath()
        try SealedLogs.write(crashed, count: count, sealAfter: [2], key: key, crashed: true) { $0 <= 2 ? "step_started" : "command_started" }
        let crashReport = try SealVerifier.verify(path: crashed, expected: key.publicKey)
        #expect(crashReport.acceptanceProblem(hostFingerprint: key.publicKey.fingerprint) == nil, "\(crashReport.summary)")
    }
}
