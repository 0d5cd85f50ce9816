import Crypto
import EventLog
import Foundation
import Sealing
import Testing

@Suite struct SealVerifierTests {
    let key = HostKey(Curve25519.Signing.PrivateKey())

    @Test func sealedLogReportsItsSignerRecordsAndTimeRange() throws {
        let path = try SealedLogs.newLogPath()
        let stored = try SealedLogs.write(path, count: 10, checkpointAt: 5, key: key)
        let report = try SealVerifier.verify(path: path, expected: key.publicKey)
        #expect(report.isSealed && !report.failed)
        #expect(report.lastValid?.fingerprint == key.publicKey.fingerprint)
        #expect(report.lastValid?.records == UInt64(stored.count - 1))
        #expect(report.unsealedTail == 0)
        #expect(report.summary.hasPrefix("sealed by \(key.publicKey.fingerprint), records 0–\(stored.count - 2), time 2026-01-01T00:00:00Z"))
    }

    @Test func editedRecordWithEveryChecksumRecomputedBreaksTheFirstSealAfterIt() throws {
        let path = try SealedLogs.newLogPath()
        try SealedLogs.write(path, count: 10, checkpointAt: 5, key: key)
        // Records: events 1…5, seal 1 (index 5), events 6…10 (indexes 6…10), seal 2 (index 11).
        let forged = try SealedLogs.forge(path, record: 8, byte: 30)

        #expect(try LogVerifier.verify(path: forged).damaged == false, "the forgery passes every XXH64 check")
        let report = try SealVerifier.verify(path: forged)
        #expect(report.failed)
        #expect(report.broken?.sealIndex == 2)
        #expect(report.broken?.firstSuspect == 6)
        #expect(report.broken?.atRecord == 11)
        #expect(report.summary.contains("first broken link: records 6–10"))
        #expect(report.lastValid?.records == 5, "the seal before the edit still holds")
    }

    @Test func editBeforeTheFirstSealNamesTheRecordsFromTheStart() throws {
        let path = try SealedLogs.newLogPath()
        try SealedLogs.write(path, count: 10, checkpointAt: 5, key: key)
        let forged = try SealedLogs.forge(path, record: 0, byte: 10)
        let report = try SealVerifier.verify(path: forged)
        #expect(report.broken?.sealIndex == 1)
        #expect(report.summary.hasPrefix("seal broken: seal 1 (record 5) fails: the hash chain of the records before it does not match"))
        #expect(report.summary.contains("first broken link: records 0–4"))
    }

    @Test func sameEditInAnUnsealedLogIsIntegrityOnly() throws {
        let path = try SealedLogs.newLogPath()
        try SealedLogs.write(path, count: 10, checkpointAt: 5, key: nil)
        let forged = try SealedLogs.forge(path, record: 8, byte: 30)
        #expect(try LogVerifier.verify(path: forged).damaged == false)
        let report = try SealVerifier.verify(path: forged)
        #expect(!report.failed)
        #expect(report.summary == "not sealed: integrity only")
    }

    @Test func tamperedSealSignatureFails() throws {
        let path = try SealedLogs.newLogPath()
        let stored = try SealedLogs.write(path, count: 3, checkpointAt: 0, key: key)
        // Change a digit of the seal's last_time: its JSON stays valid, its signature no longer matches.
        let seal = stored[3]
        let needle = Array(#""last_time":"#.utf8)
        let at = try #require((0...(seal.count - needle.count)).first { Array(seal[$0..<$0 + needle.count]) == needle })
        let forged = try SealedLogs.forge(path, record: 3, byte: at + needle.count + 15)
        let report = try SealVerifier.verify(path: forged)
        #expect(report.failed)
        #expect(report.broken?.problem == "its signature is invalid")
    }

    @Test func aSealByAnotherKeyFailsWhenAKeyIsExpected() throws {
        let path = try SealedLogs.newLogPath()
        try SealedLogs.write(path, count: 3, checkpointAt: 0, key: key)
        let other = HostKey(Curve25519.Signing.PrivateKey()).publicKey
        let report = try SealVerifier.verify(path: path, expected: other)
        #expect(report.failed)
        #expect(report.broken?.problem == "it is signed by \(key.publicKey.fingerprint), not by the expected key \(other.fingerprint)")
    }

    @Test func anUnsealedLogFailsWhenAKeyIsExpected() throws {
        let path = try SealedLogs.newLogPath()
        try SealedLogs.write(path, count: 3, checkpointAt: 0, key: nil)
        let report = try SealVerifier.verify(path: path, expected: key.publicKey)
        #expect(report.failed)
        #expect(report.summary == "not sealed (expected a seal by \(key.publicKey.fingerprint))")
    }

    @Test func recordsAfterTheLastSealAreAnUnsealedTailNotTampering() throws {
        let path = try SealedLogs.newLogPath()
        try SealedLogs.write(path, count: 10, checkpointAt: 4, key: key, crashed: true)
        let report = try SealVerifier.verify(path: path, expected: key.publicKey)
        #expect(report.isSealed && !report.failed)
        #expect(report.lastValid?.records == 4)
        #expect(report.unsealedTail == 6)
        #expect(report.summary.contains("unsealed tail: 6 records after the last seal"))
    }
}
