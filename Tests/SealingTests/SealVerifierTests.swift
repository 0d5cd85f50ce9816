import Crypto
import EventLog
import Foundation
import InstallModel
import Sealing
import Testing

@Suite struct SealVerifierTests {
    let key = HostKey(Curve25519.Signing.PrivateKey())

    /// Integrity attack round 16, finding 13: a log that holds no record at all (a writer killed as it created it) is
    /// not "not sealed" as if written without a key: it fails with a key, and says what it is.
    @Test func aLogHoldingNoRecordSaysSoUnderAKey() throws {
        let path = try SealedLogs.newLogPath()
        try LogWriter.open(path: path, label: "p", creator: "", createdAtMicros: 0).close()
        let empty = try SealVerifier.verify(path: path, expected: key.publicKey)
        #expect(empty.failed && empty.uncoveredReason == "empty", "\(empty.summary)")
        #expect(empty.summary.hasPrefix("holds no record (expected a seal by \(key.publicKey.fingerprint)): a writer killed"), "\(empty.summary)")
        // One record, unsealed, is still "not sealed".
        let one = try SealedLogs.newLogPath()
        _ = try SealedLogs.write(one, count: 1, sealAfter: [], key: nil)
        #expect(try SealVerifier.verify(path: one, expected: key.publicKey).uncoveredReason == "not_sealed")
    }

    @Test func sealedLogReportsItsSignerRecordsAndTimeRange() throws {
        let path = try SealedLogs.newLogPath()
        let stored = try SealedLogs.write(path, count: 10, sealAfter: [5], key: key)
        let report = try SealVerifier.verify(path: path, expected: key.publicKey)
        #expect(report.isSealed && !report.failed && report.coverage == .whole)
        #expect(report.lastValid?.fingerprint == key.publicKey.fingerprint)
        #expect(report.lastValid?.records == UInt64(stored.count - 1))
        #expect(report.lastValid?.counter == 2 && report.lastValid?.final == true)
        #expect(report.firstUncovered == nil)
        #expect(report.summary == "sealed by \(key.publicKey.fingerprint), records 0–\(stored.count - 2), time 2026-01-01T00:00:00Z – 2026-01-01T00:00:00Z; the last seal is final, nothing after it")
    }

    @Test func withoutAnExpectedKeyTheReportSaysTheKeyWasNotChecked() throws {
        let path = try SealedLogs.newLogPath()
        try SealedLogs.write(path, count: 3, sealAfter: [], key: key)
        let report = try SealVerifier.verify(path: path)
        #expect(!report.failed)
        #expect(report.summary.hasPrefix("sealed by \(key.publicKey.fingerprint)"))
        #expect(report.summary.hasSuffix("the key was not checked (pass --key PUB to check who sealed it)"))
    }

    @Test func editedRecordWithEveryChecksumRecomputedBreaksTheFirstSealAfterIt() throws {
        let path = try SealedLogs.newLogPath()
        try SealedLogs.write(path, count: 10, sealAfter: [5], key: key)
        // Records: events 1…5, seal 1 (index 5), events 6…10 (indexes 6…10), final seal 2 (index 11).
        let forged = try SealedLogs.forge(path, record: 8, byte: 30)

        #expect(try LogVerifier.verify(path: forged).damaged == false, "the forgery passes every XXH64 check")
        let report = try SealVerifier.verify(path: forged)
        #expect(report.failed)
        #expect(report.broken?.sealIndex == 2)
        #expect(report.firstUncovered == 6)
        #expect(report.broken?.atRecord == 11)
        #expect(report.summary.contains("first record not covered: 6 (first broken link: records 6–10)"))
        #expect(report.lastValid?.records == 5, "the seal before the edit still holds")
    }

    @Test func editBeforeTheFirstSealNamesTheRecordsFromTheStart() throws {
        let path = try SealedLogs.newLogPath()
        try SealedLogs.write(path, count: 10, sealAfter: [5], key: key)
        let forged = try SealedLogs.forge(path, record: 0, byte: 10)
        let report = try SealVerifier.verify(path: forged)
        #expect(report.broken?.sealIndex == 1)
        #expect(report.summary.hasPrefix("seal broken: seal 1 (record 5) fails: the hash chain of the header and the records before it does not match"))
        #expect(report.summary.contains("first broken link: records 0–4"))
    }

    @Test func sameEditInAnUnsealedLogIsIntegrityOnly() throws {
        let path = try SealedLogs.newLogPath()
        try SealedLogs.write(path, count: 10, sealAfter: [5], key: nil)
        let forged = try SealedLogs.forge(path, record: 8, byte: 30)
        #expect(try LogVerifier.verify(path: forged).damaged == false)
        let report = try SealVerifier.verify(path: forged)
        #expect(!report.failed)
        #expect(report.summary == "not sealed: integrity only")
    }

    @Test func tamperedSealSignatureFails() throws {
        let path = try SealedLogs.newLogPath()
        let stored = try SealedLogs.write(path, count: 3, sealAfter: [], key: key)
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
        try SealedLogs.write(path, count: 3, sealAfter: [], key: key)
        let other = HostKey(Curve25519.Signing.PrivateKey()).publicKey
        let report = try SealVerifier.verify(path: path, expected: other)
        #expect(report.failed)
        #expect(report.broken?.problem == "it is signed by \(key.publicKey.fingerprint), not by the expected key \(other.fingerprint)")
    }

    @Test func anUnsealedLogFailsWhenAKeyIsExpected() throws {
        let path = try SealedLogs.newLogPath()
        try SealedLogs.write(path, count: 3, sealAfter: [], key: nil)
        let report = try SealVerifier.verify(path: path, expected: key.publicKey)
        #expect(report.failed)
        #expect(report.summary == "not sealed (expected a seal by \(key.publicKey.fingerprint)): records 0–2 are not covered")
    }

    @Test func aCrashedLogNamesWhatIsUnsealedAndFailsUnlessItsWriterIsStillThere() throws {
        let path = try SealedLogs.newLogPath()
        // What a writer leaves unsealed: command events of the step running at the last seal.
        try SealedLogs.write(path, count: 10, sealAfter: [4], key: key, crashed: true) { $0 <= 4 ? "step_started" : "command_started" }
        let report = try SealVerifier.verify(path: path, expected: key.publicKey)
        #expect(report.failed && report.coverage == .unsealedTail(afterFinal: false))
        #expect(report.lastValid?.records == 4)
        #expect(report.unsealedTail == 6 && report.firstUncovered == 5)
        #expect(report.summary.contains("first record not covered: 5: records 5–10 (command_started) follow the last seal and no writer holds the log"))

        let writer = try LogWriter.open(path: path, label: "", creator: "evlog 0.1", createdAtMicros: 0)
        defer { try? writer.close() }
        let live = try SealVerifier.verify(path: path, expected: key.publicKey)
        #expect(!live.failed && live.coverage == .live(writer: getpid()))
        #expect(live.summary.contains("records 5–10 (command_started) not sealed yet; process \(getpid()) is still writing"))
    }

    /// integrity18 #1: a writer that seals each `command_started` as it records it (a seal follows the one before)
    /// leaves none in its live tail: one there was appended by another process and fails as a forged tail, while
    /// the end of the command running at that seal is still "not sealed yet".
    @Test(arguments: [false, true])
    func aCommandStartedInTheLiveTailOfAWriterThatSealsThemIsForged(withSecondStart: Bool) throws {
        let path = try SealedLogs.newLogPath()
        let count = withSecondStart ? 6 : 5
        try SealedLogs.write(path, count: count, sealAfter: [4], key: key, crashed: true) {
            $0 <= 3 ? "step_started" : $0 == 5 ? "command_finished" : "command_started"
        }
        let writer = try LogWriter.open(path: path, label: "", creator: "evlog 0.1", createdAtMicros: 0)
        defer { try? writer.close() }
        let live = try SealVerifier.verify(path: path, expected: key.publicKey)
        if withSecondStart {
            #expect(live.failed && live.uncoveredReason == "forged_tail", "\(live.summary)")
            #expect(live.tail.firstForged?.record == 6, "\(live.summary)")
            #expect(live.summary.contains("record 6 cannot be what a crash left: it is a command_started event, which this log's writer seals"))
        } else {
            #expect(!live.failed && live.coverage == .live(writer: getpid()), "\(live.summary)")
        }
    }

    /// integrity10 finding 8: a record of a tag no writer writes, after the last seal, was called "a output chunk of
    /// step (none)". It is named by its tag; a real output chunk is still an output chunk.
    @Test(arguments: [UInt8(0x00), 0x03, 0x04, 0x7f, 0xff])
    func aRecordOfAnUnknownTagAfterTheLastSealIsNamedByItsTag(tag: UInt8) throws {
        let path = try SealedLogs.newLogPath()
        try SealedLogs.write(path, count: 6, sealAfter: [4], key: key, crashed: true) { $0 <= 4 ? "step_started" : "command_started" }
        let forged = try SealedLogs.rewrite(path) { $0.append(SealedLogs.Record(payload: [tag] + Array(repeating: 0, count: 24), checkpoint: false)) }
        let report = try SealVerifier.verify(path: forged, expected: key.publicKey)
        let reason = try #require(report.tail.firstForged?.reason)
        #expect(reason == "it is an unknown record (tag \(tag)), which no writer writes", "\(reason)")
        #expect(!report.summary.contains("output chunk"), "\(report.summary)")
    }

    @Test func aFileCutBackToASealThatIsNotFinalFails() throws {
        let path = try SealedLogs.newLogPath()
        try SealedLogs.write(path, count: 10, sealAfter: [4], key: key)
        let cut = try SealedLogs.rewrite(path) { $0.removeLast($0.count - 5) }
        let report = try SealVerifier.verify(path: cut, expected: key.publicKey)
        #expect(report.failed && report.coverage == .endsAtOpenSeal)
        #expect(report.summary.contains("the last seal (seal 1) is not final"))
    }

    @Test func aHeaderEditBreaksTheFirstSeal() throws {
        let path = try SealedLogs.newLogPath()
        try SealedLogs.write(path, count: 6, sealAfter: [3], key: key)
        let forged = try SealedLogs.rewrite(path, label: "p-000000000002") { _ in }
        let report = try SealVerifier.verify(path: forged, expected: key.publicKey)
        #expect(report.failed && report.broken?.sealIndex == 1 && report.firstUncovered == 0)
    }

    @Test func aCheckpointFlagIsOutsideTheChainSoReadersDeriveIt() throws {
        // The flag only says where a reader may look for a checkpoint; readers check the record's type
        // (PlanLogTests), so setting or clearing it changes nothing the seals vouch for.
        let path = try SealedLogs.newLogPath()
        try SealedLogs.write(path, count: 6, sealAfter: [3], key: key)
        let flagged = try SealedLogs.rewrite(path) { records in
            for index in records.indices { records[index].checkpoint.toggle() }
        }
        #expect(try SealVerifier.verify(path: flagged, expected: key.publicKey).coverage == .whole)
    }

    @Test func aSealRemovedFromTheMiddleBreaksTheCounterOfTheNext() throws {
        let path = try SealedLogs.newLogPath()
        let stored = try SealedLogs.write(path, count: 9, sealAfter: [3, 6], key: key)
        let second = try #require(stored.indices.filter { SealedLogs.isSeal(stored[$0]) }.dropFirst().first)
        let forged = try SealedLogs.rewrite(path) { $0.remove(at: second) }
        let report = try SealVerifier.verify(path: forged, expected: key.publicKey)
        #expect(report.failed && report.broken?.sealIndex == 2)
    }

    /// Generated logs (seeded): every single-byte edit of any record, every edit with the later seals
    /// stripped, every forged tail and every cut that does not end at the final seal fails `--key`,
    /// and names a first uncovered record at or before the change.
    @Test(arguments: 1...4 as ClosedRange<UInt64>)
    func everyTamperingOfAGeneratedLogFailsWithTheKeyAndNamesTheFirstUncoveredRecord(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let count = Int.random(in: 3...14, using: &random)
        let sealAfter = Set((1...count).filter { _ in Int.random(in: 0..<3, using: &random) == 0 })
        let path = try SealedLogs.newLogPath()
        let stored = try SealedLogs.write(path, count: count, sealAfter: sealAfter, key: key)
        #expect(try SealVerifier.verify(path: path, expected: key.publicKey).coverage == .whole)

        for index in stored.indices {
            let offset = Int.random(in: 0..<stored[index].count, using: &random)
            let edited = try SealVerifier.verify(path: try SealedLogs.forge(path, record: index, byte: offset), expected: key.publicKey)
            #expect(edited.failed, "edit of record \(index) at byte \(offset)")
            #expect((edited.firstUncovered ?? .max) <= UInt64(index), "edit of record \(index): \(edited.summary)")

            let stripped = try SealedLogs.rewrite(path) { records in
                records[index].payload[offset] ^= 0x01
                records = records.enumerated().filter { $0.offset <= index || !SealedLogs.isSeal($0.element.payload) }.map(\.element)
            }
            let strippedReport = try SealVerifier.verify(path: stripped, expected: key.publicKey)
            #expect(strippedReport.failed, "edit of record \(index) with later seals stripped: \(strippedReport.summary)")
            #expect((strippedReport.firstUncovered ?? .max) <= UInt64(index))
        }
        for length in 1..<stored.count {
            let cut = try SealVerifier.verify(path: try SealedLogs.rewrite(path) { $0.removeLast($0.count - length) }, expected: key.publicKey)
            #expect(cut.failed, "cut to \(length) records: \(cut.summary)")
        }
        let tail = Int.random(in: 1...3, using: &random)
        let forged = try SealedLogs.rewrite(path) { records in
            for extra in 1...tail { records.append(.init(payload: SealedLogs.event(count + extra, type: "command_started"), checkpoint: false)) }
        }
        let forgedReport = try SealVerifier.verify(path: forged, expected: key.publicKey)
        #expect(forgedReport.failed && forgedReport.coverage == .unsealedTail(afterFinal: true))
        #expect(forgedReport.firstUncovered == UInt64(stored.count))
    }

    @Test func aKeyringNamesTheHostThatSealedAndRefusesKeysOutsideIt() throws {
        let path = try SealedLogs.newLogPath()
        try SealedLogs.write(path, count: 3, sealAfter: [], key: key)
        let ring = try SealedLogs.temporaryDirectory()
        let other = HostKey(Curve25519.Signing.PrivateKey()).publicKey
        try (other.base64 + "\n").write(toFile: ring + "/web2.pub", atomically: true, encoding: .utf8)
        let outside = try SealVerifier.verify(path: path, trusting: try TrustedKeys(keyringDirectory: ring))
        #expect(outside.failed)
        #expect(outside.broken?.problem == "it is signed by \(key.publicKey.fingerprint), not by a key of the keyring \(ring)")

        try (key.publicKey.base64 + "\n").write(toFile: ring + "/web1.pub", atomically: true, encoding: .utf8)
        let inside = try SealVerifier.verify(path: path, trusting: try TrustedKeys(keyringDirectory: ring))
        #expect(!inside.failed && inside.coverage == .whole)
        #expect(inside.summary.hasPrefix("sealed by web1 (\(key.publicKey.fingerprint)), records 0–2"))
        #expect(throws: SealingError.emptyKeyring(ring + "/none")) { try TrustedKeys(keyringDirectory: ring + "/none") }
    }
}
