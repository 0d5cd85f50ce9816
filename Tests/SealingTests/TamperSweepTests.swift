import Crypto
import EventLog
import Foundation
import InstallModel
import Sealing
import Testing

/// Tampering an attacker with the format's spec can do, generated over seeded logs (round 12's own attack on #25):
/// every header field edited, a log cut to its header alone, another log's records spliced after each seal (same
/// key or another, both named in the keyring), each forgery with every checksum recomputed by the format's own writer.
/// Each must fail `verify --key`, naming a first uncovered record at or before the change.
@Suite struct TamperSweepTests {
    let key = HostKey(Curve25519.Signing.PrivateKey())
    let other = HostKey(Curve25519.Signing.PrivateKey())

    /// A seeded log: 3–12 events, seals after about a third of them, a final seal.
    static func generated(_ path: String, key: HostKey, random: inout SplitMix64) throws -> [[UInt8]] {
        let count = Int.random(in: 3...12, using: &random)
        let sealAfter = Set((1...count).filter { _ in Int.random(in: 0..<3, using: &random) == 0 })
        return try SealedLogs.write(path, count: count, sealAfter: sealAfter, key: key)
    }

    @Test(arguments: 1...3 as ClosedRange<UInt64>)
    func everyHeaderFieldEditedFailsFromTheFirstRecord(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let path = try SealedLogs.newLogPath()
        _ = try TamperSweepTests.generated(path, key: key, random: &random)
        #expect(try SealVerifier.verify(path: path, expected: key.publicKey).coverage == .whole)
        let edits: [(String, (inout LogHeader) -> Void)] = [
            ("label", { $0.label = "p-00000000000" + String(Int.random(in: 2...9, using: &random)) }),
            ("creator", { $0.creator += " (forged)" }),
            ("created-at", { $0.createdAtMicros += Int64.random(in: 1...1_000_000, using: &random) }),
            ("event-parts versions", { $0 = LogHeader(creator: $0.creator, label: $0.label, createdAtMicros: $0.createdAtMicros, mayHoldEventParts: true) }),
        ]
        for (field, edit) in edits {
            let report = try SealVerifier.verify(path: try SealedLogs.rewrite(path, header: edit) { _ in }, expected: key.publicKey)
            #expect(report.failed && report.firstUncovered == 0, "header \(field) edited: \(report.summary)")
        }
    }

    @Test func aSealedLogCutToItsHeaderAloneFails() throws {
        let path = try SealedLogs.newLogPath()
        try SealedLogs.write(path, count: 4, sealAfter: [2], key: key)
        let cut = try SealedLogs.rewrite(path) { $0.removeAll() }
        let report = try SealVerifier.verify(path: cut, expected: key.publicKey)
        #expect(report.failed, "\(report.summary)")
    }

    /// After every seal of a log, the records that follow are replaced by those after some seal of another log of
    /// the same plan id: sealed by the same key (another run of this host) or by another (another host), both keys
    /// in the keyring. The next seal's chain, counter or previous-seal link gives it away.
    @Test(arguments: 1...3 as ClosedRange<UInt64>)
    func anotherLogSplicedAfterAnySealFails(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let path = try SealedLogs.newLogPath()
        let stored = try TamperSweepTests.generated(path, key: key, random: &random)
        let ring = try SealedLogs.temporaryDirectory()
        try (key.publicKey.base64 + "\n").write(toFile: ring + "/web1.pub", atomically: true, encoding: .utf8)
        try (other.publicKey.base64 + "\n").write(toFile: ring + "/web2.pub", atomically: true, encoding: .utf8)
        let keyring = try TrustedKeys(keyringDirectory: ring)
        for (named, donorKey) in [("same key", key), ("other key", other)] {
            let donorPath = try SealedLogs.newLogPath()
            let donor = try TamperSweepTests.generated(donorPath, key: donorKey, random: &random)
            let donorSeals = donor.indices.filter { SealedLogs.isSeal(donor[$0]) }
            for cutAt in stored.indices where SealedLogs.isSeal(stored[cutAt]) {
                let from = try #require(donorSeals.randomElement(using: &random))
                guard from + 1 < donor.count else { continue }
                let spliced = try SealedLogs.rewrite(path) { records in
                    records = Array(records.prefix(cutAt + 1))
                        + donor[(from + 1)...].map { SealedLogs.Record(payload: $0, checkpoint: false) }
                }
                let report = try SealVerifier.verify(path: spliced, trusting: keyring)
                #expect(report.failed, "\(named): seal at \(cutAt) followed by the donor's records after \(from): \(report.summary)")
                #expect((report.firstUncovered ?? .max) <= UInt64(cutAt + 1), "\(named): \(report.summary)")
            }
        }
    }
}
