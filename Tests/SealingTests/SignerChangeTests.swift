import Crypto
import EventLog
import Foundation
import InstallModel
@testable import Sealing
import Testing

/// One key seals a log until it is closed (Docs/FORMAT.md §9.3): another key's seal after a seal that is
/// not final is a splice, whatever keyring trusts both keys; after a final seal it is a handover the report names.
@Suite struct SignerChangeTests {
    let first = HostKey(Curve25519.Signing.PrivateKey())
    let second = HostKey(Curve25519.Signing.PrivateKey())

    /// A keyring directory holding both keys, as hostA and hostB.
    func keyring() throws -> TrustedKeys {
        let ring = try SealedLogs.temporaryDirectory()
        try (first.publicKey.base64 + "\n").write(toFile: ring + "/hostA.pub", atomically: true, encoding: .utf8)
        try (second.publicKey.base64 + "\n").write(toFile: ring + "/hostB.pub", atomically: true, encoding: .utf8)
        return try TrustedKeys(keyringDirectory: ring)
    }

    /// Appends events `sequences` to the log at `path` and seals them with `key`, continuing the chain of its
    /// records (every seal in it trusted: the keys of both hosts).
    func continueLog(_ path: String, with key: HostKey, sequences: ClosedRange<Int>, final: Bool) throws {
        let trusted = [first.publicKey, second.publicKey].filter { $0 != key.publicKey }.first
        var sealer = try #require(try SealVerifier.prepareToAppend(path: path, key: key, vouchedBy: trusted).sealer)
        let writer = try LogWriter.open(path: path, label: "", creator: "evlog 0.1", createdAtMicros: 0)
        for sequence in sequences {
            let payload = SealedLogs.event(sequence, type: "command_started")
            try writer.append(payload)
            sealer.observe(payload)
        }
        if let seal = try sealer.seal(final: final) { try writer.append(seal) }
        try writer.close()
        try? FileManager.default.removeItem(atPath: LogWriter.lockFilePath(for: path))
    }

    /// Generated logs (seeded): host A seals at random points; the log is cut back to one of A's seals that is
    /// not final and host B's key continues it. Every such splice fails with the keyring, naming the first
    /// record after A's last seal; the same continuation after A's final seal passes and names both hosts.
    @Test(arguments: 1...6 as ClosedRange<UInt64>)
    func anotherKeyContinuingALogAfterASealThatIsNotFinalIsTampering(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let count = Int.random(in: 4...12, using: &random)
        let sealAfter = Set((1...count).filter { _ in Int.random(in: 0..<2, using: &random) == 0 }).union([Int.random(in: 1...count, using: &random)])
        let path = try SealedLogs.newLogPath()
        let stored = try SealedLogs.write(path, count: count, sealAfter: sealAfter, key: first)
        let openSeals = stored.indices.filter { SealedLogs.isSeal(stored[$0]) }.dropLast()
        let cutAt = try #require(openSeals.randomElement(using: &random))
        let spliced = try SealedLogs.rewrite(path) { $0.removeLast($0.count - cutAt - 1) }
        try continueLog(spliced, with: second, sequences: count + 1...count + Int.random(in: 1...3, using: &random), final: Bool.random(using: &random))

        let report = try SealVerifier.verify(path: spliced, trusting: try keyring())
        #expect(report.failed && report.coverage == .broken, "\(report.summary)")
        #expect(report.firstUncovered == UInt64(cutAt + 1))
        #expect(report.broken?.problem.hasPrefix(
            "tampered: records \(cutAt + 1).. sealed by hostB (\(second.publicKey.fingerprint)), the log began under hostA (\(first.publicKey.fingerprint))") == true,
            "\(report.summary)")

        try continueLog(path, with: second, sequences: count + 1...count + 2, final: true)
        let handedOver = try SealVerifier.verify(path: path, trusting: try keyring())
        #expect(!handedOver.failed && handedOver.coverage == .whole, "\(handedOver.summary)")
        #expect(handedOver.handovers.map(\.atRecord) == [UInt64(stored.count)])
        #expect(handedOver.summary.hasPrefix(
            "sealed by hostA (\(first.publicKey.fingerprint)), records 0–\(stored.count - 1), then by hostB (\(second.publicKey.fingerprint)), "
                + "which continued the log after that key's final seal, records \(stored.count)–\(stored.count + 1)"), "\(handedOver.summary)")
        #expect(try SealVerifier.verify(path: path, expected: first.publicKey).failed, "one key vouches for its own seals only")
    }

    /// Closes the log at `path` as `evlog bundle` does, with `key`: a `bundle_info` record holding the record count
    /// and chain head before it (its seq and time the last event's), then a final seal.
    func closeAsBundle(_ path: String, with key: HostKey, lastSequence: Int) throws {
        var sealer = try #require(try SealVerifier.prepareToAppend(path: path, key: key).sealer)
        let reader = try LogReader(path: path)
        var chain = try HashChain(header: reader.header)
        try reader.forEachRecord { _, _, payload in chain.append(payload) }
        let info = [0x01] + Array((#"{"chain_head":"\#(chain.headHex)","records":\#(chain.count),"seq":\#(lastSequence),"#
            + #""time":\#(1_767_225_600_000_000 + lastSequence * 1000),"type":"bundle_info","v":1}"#).utf8)
        let writer = try LogWriter.open(path: path, label: "", creator: "evlog 0.1", createdAtMicros: 0)
        try writer.append(info)
        sealer.observe(info)
        if let seal = try sealer.seal(final: true) { try writer.append(seal) }
        try writer.close()
        try? FileManager.default.removeItem(atPath: LogWriter.lockFilePath(for: path))
    }

    /// integrity10 finding 10: a bundle handed to another host (`remedy host.evb --key web1.pub` there) and
    /// continued under that host's key keeps the bundle's `bundle_info` mid-log. The continued log verifies with
    /// the keyring (a closed bundle continued is a log again), and with the continuing host's key alone, whose
    /// seals sign the chain over every record before them: that host can bundle it. Key A alone does not vouch
    /// for B's records, and the continued file named as a bundle is not a whole one.
    @Test(arguments: 1...4 as ClosedRange<UInt64>)
    func aBundleContinuedByAnotherHostVerifiesWithTheKeyringAndTheContinuingKey(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let count = Int.random(in: 3...10, using: &random)
        let path = try SealedLogs.newLogPath()
        let sealAfter = Set((1..<count).filter { _ in Bool.random(using: &random) }).union([count])
        try SealedLogs.write(path, count: count, sealAfter: sealAfter, key: first, crashed: true)
        try closeAsBundle(path, with: first, lastSequence: count)
        #expect(try SealVerifier.verify(path: path, expected: first.publicKey).coverage == .whole)
        try continueLog(path, with: second, sequences: count + 1...count + Int.random(in: 1...4, using: &random), final: true)

        let ring = try SealVerifier.verify(path: path, trusting: try keyring())
        #expect(!ring.failed && ring.coverage == .whole, "\(ring.summary)")
        #expect(ring.handovers.count == 1)
        let continuing = try SealVerifier.verify(path: path, expected: second.publicKey)
        #expect(!continuing.failed && continuing.coverage == .whole, "\(continuing.summary)")
        #expect(try SealVerifier.prepareToAppend(path: path, key: second).report.broken == nil)
        let began = try SealVerifier.verify(path: path, expected: first.publicKey)
        #expect(began.failed && began.broken?.problem.contains("not by the expected key") == true, "\(began.summary)")
        let asBundle = path.replacingOccurrences(of: ".evlog", with: ".evb")
        try FileManager.default.copyItem(atPath: path, toPath: asBundle)
        #expect(try SealVerifier.verify(path: asBundle, trusting: try keyring()).coverage
            == .incompleteBundle("it has no bundle_info record (a bundle cut short, or not a bundle)"))
    }

    /// A seal by a key not trusted stays broken when no trusted key's seal follows it: records another key added
    /// at the end are never vouched for by the key that sealed before them.
    @Test func recordsAnotherKeyAddedAfterTheTrustedKeysFinalSealAreNotVouchedFor() throws {
        let path = try SealedLogs.newLogPath()
        try SealedLogs.write(path, count: 4, sealAfter: [2], key: first)
        try continueLog(path, with: second, sequences: 5...6, final: true)
        let report = try SealVerifier.verify(path: path, expected: first.publicKey)
        #expect(report.failed && report.coverage == .broken)
        #expect(report.broken?.signer == second.publicKey.fingerprint)
        #expect(report.lastValid?.fingerprint == first.publicKey.fingerprint && report.lastValid?.final == true)
    }

    /// A format-1 log's seals carry no final mark: its end cannot be proven, and the report says so instead of
    /// suggesting a cut or a crash.
    @Test func aFormatOneLogEndingAtItsLastSealSaysItCannotBeVerifiedWithAKey() {
        let seal = SealReport.Seal(fingerprint: "ed25519:0000000000000000", records: 20, firstTime: 0, lastTime: 0, counter: 3, final: false)
        let report = SealReport(
            plan: "p-000000000001", lastValid: seal, signers: [seal.fingerprint], totalRecords: 21, expected: seal.fingerprint,
            tail: SealReport.Tail(), sealsEveryTransition: false)
        #expect(report.failed && report.uncoveredReason == "format_1_no_final_seal")
        #expect(report.summary.contains("format 1 log: sealed by an evlog older than format 2, whose seals carry no final mark"))
        #expect(!report.summary.contains("cut after it"))
    }
}
