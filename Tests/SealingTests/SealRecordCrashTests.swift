import Crypto
import EventLog
import Foundation
import Sealing
import Testing

/// A writer records each seal in the home's record of seals seen once the seal is durable (FORMAT.md §9.6), so a
/// writer killed between the two leaves exactly one seal the record does not name. That log is a crash, which
/// `resume` continues: at the first seal (no line for the log at all, integrity13 #16) as at any later one.
@Suite struct SealRecordCrashTests {
    /// The log at `path` of `count` events sealed after each (a writer seals every transition), killed before its
    /// final seal, and the record of seals made from the writer's lines for its first `recorded` seals.
    static func crashed(_ path: String, count: Int, recorded: Int, key: HostKey) throws -> String {
        try SealedLogs.write(path, count: count, sealAfter: Set(1...count), key: key, crashed: true)
        let record = (path as NSString).deletingLastPathComponent + "/" + LastSeenSeals.fileName
        let report = try SealVerifier.verify(path: path, expected: key.publicKey)
        for counter in 0..<recorded {
            let point = try #require(report.point(at: UInt64(counter + 1)))
            #expect(try LastSeenSeals.record(point, at: record) == nil)
        }
        return record
    }

    /// Killed at each seal in turn: seal `count` is durable, its line not written.
    @Test(arguments: 1...6)
    func aWriterKilledBetweenAnySealAndItsLineLeavesALogTheRecordTakesAsACrash(count: Int) throws {
        let key = HostKey(Curve25519.Signing.PrivateKey())
        let path = try SealedLogs.newLogPath()
        let record = try SealRecordCrashTests.crashed(path, count: count, recorded: count - 1, key: key)
        let report = try SealVerifier.verify(path: path, expected: key.publicKey)
        #expect(report.coverage == .endsAtOpenSeal)
        let checked = try LastSeenSeals.check(report, recordedAt: record, sealedHere: true).report
        #expect(checked.recordVerdict == nil, "killed after seal \(count): \(checked.summary)")
    }

    /// Only the first seal is taken so: a log of this home gone further that the record does not name had its
    /// lines removed (the record replaced), and a copy cut back could not be told from the latest.
    @Test(arguments: 2...5)
    func aLogBeyondItsFirstSealThatTheRecordDoesNotNameStaysUnrecorded(count: Int) throws {
        let key = HostKey(Curve25519.Signing.PrivateKey())
        let path = try SealedLogs.newLogPath()
        let record = try SealRecordCrashTests.crashed(path, count: count, recorded: 0, key: key)
        let report = try SealVerifier.verify(path: path, expected: key.publicKey)
        #expect(try LastSeenSeals.check(report, recordedAt: record, sealedHere: true).report.recordVerdict == "unrecorded")
    }
}
