@testable import Sealing
import Testing

/// What `verify` says where a file is not what its seals vouch for: bytes after a final seal that are no valid block
/// are not covered (integrity13 #13), and a broken seal names the key of the seals before it as unchecked when no key
/// was given (integrity13 #15: any key can sign a prefix).
@Suite struct SealReportWordingTests {
    static let seal = SealReport.Seal(fingerprint: "ed25519:0000000000000000", records: 20, firstTime: 0, lastTime: 0, counter: 3, final: true)

    static func report(expected: String?) -> SealReport {
        SealReport(plan: "p-000000000001", lastValid: seal, signers: [seal.fingerprint], totalRecords: 20, expected: expected,
                   tail: SealReport.Tail(), sealsEveryTransition: true)
    }

    @Test(arguments: [0, 1, 4096] as [Int64], [nil, "ed25519:0000000000000000"] as [String?])
    func bytesAfterTheFinalSealAreNotCovered(damaged: Int64, expected: String?) {
        var report = Self.report(expected: expected)
        report.damagedBytes = damaged
        #expect(report.coverage == .whole)
        #expect(report.isCovered == (damaged == 0))
        #expect(report.uncoveredReason == (damaged == 0 ? nil : "damaged"))
        #expect(report.failed == (damaged > 0 && expected != nil))
        #expect(report.summary.contains("\(damaged) bytes after it are not a valid block") == (damaged > 0), "\(report.summary)")
        #expect(report.summary.contains("nothing after it") == (damaged == 0), "\(report.summary)")
    }

    @Test(arguments: [nil, "ed25519:0000000000000000"] as [String?])
    func aBrokenSealSaysTheKeyOfTheSealsBeforeItWasNotCheckedWhenNoneWasGiven(expected: String?) {
        var report = Self.report(expected: expected)
        report.broken = SealReport.Broken(sealIndex: 4, atRecord: 30, firstSuspect: 21, problem: "its signature is invalid", signer: Self.seal.fingerprint)
        #expect(report.summary.contains("the key was not checked") == (expected == nil), "\(report.summary)")
        #expect(report.summary.contains("were sealed by \(Self.seal.fingerprint)") == (expected != nil), "\(report.summary)")
    }
}
