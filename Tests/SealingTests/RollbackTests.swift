import Crypto
import EventLog
import Foundation
import InstallModel
import Sealing
import Testing

/// Rollback (FORMAT.md §9.6): a log closed, resumed and closed again, cut back to an earlier final seal,
/// verifies on its own — every prefix ending at a final seal does — and fails once a later seal of the same
/// log has been seen, whichever key sealed it; cut back and continued along another history, it is a fork.
@Suite struct RollbackTests {
    let key = HostKey(Curve25519.Signing.PrivateKey())

    /// Continues the closed log at `path` the way `resume` does: the sealer from one pass over it, then
    /// `events` more events, a seal after each, and a final seal at close.
    /// With `vouchedBy`, the log was sealed by that key before (a hand-over, `remedy --key`).
    static func resume(_ path: String, events: ClosedRange<Int>, key: HostKey, type: String = "step_started", vouchedBy: SealPublicKey? = nil) throws {
        var sealer = try #require(try SealVerifier.prepareToAppend(path: path, key: key, vouchedBy: vouchedBy).sealer)
        let writer = try LogWriter.open(path: path, label: "", creator: "", createdAtMicros: 0)
        for sequence in events {
            let event = SealedLogs.event(sequence, type: type)
            try writer.append(event)
            sealer.observe(event)
            if let seal = try sealer.seal(final: sequence == events.upperBound) { try writer.append(seal) }
        }
        try writer.close()
    }

    static func records(_ path: String) throws -> Int {
        var count = 0
        try LogReader(path: path).forEachRecord { _, _, _ in count += 1 }
        return count
    }

    /// A log of plan `p-000000000001` closed `runs` times (seeded sizes); the record counts after each close.
    static func closedRepeatedly(_ path: String, runs: Int, key: HostKey, random: inout SplitMix64) throws -> [Int] {
        var last = Int.random(in: 1...5, using: &random)
        try SealedLogs.write(path, count: last, sealAfter: [], key: key)
        var ends = [try RollbackTests.records(path)]
        for _ in 1..<runs {
            let more = Int.random(in: 1...4, using: &random)
            try resume(path, events: (last + 1)...(last + more), key: key)
            last += more
            ends.append(try RollbackTests.records(path))
        }
        return ends
    }

    @Test(arguments: 1...4 as ClosedRange<UInt64>)
    func aLogCutBackToAnEarlierCloseFailsOnceALaterSealWasSeen(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let path = try SealedLogs.newLogPath()
        let ends = try RollbackTests.closedRepeatedly(path, runs: Int.random(in: 2...4, using: &random), key: key, random: &random)
        let cuts = try ends.dropLast().enumerated().map { index, end in
            try SealedLogs.rewrite(path, as: "cut-\(index).evlog") { $0.removeLast($0.count - end) }
        }
        // Each earlier close verifies alone: the rollback is invisible without a record of what was seen.
        for cut in cuts { #expect(try SealVerifier.verify(path: cut, expected: key.publicKey).coverage == .whole) }

        // Seen in the order they were made, each goes further: none is flagged.
        var seen = LastSeenSeals()
        for file in cuts + [path] {
            let report = seen.check(try SealVerifier.verify(path: file, expected: key.publicKey))
            #expect(report.rollback == nil && !report.failed, "\(file): \(report.summary)")
        }
        let whole = try #require(try SealVerifier.verify(path: path, expected: key.publicKey).endPoint)
        let last = try #require(seen.seen(whole)?.counter)
        // Once the whole log was seen, every cut is an older copy presented as current.
        for cut in cuts {
            let report = seen.check(try SealVerifier.verify(path: cut, expected: key.publicKey))
            let endsAt = try #require(report.lastValid?.counter)
            #expect(report.failed && report.rollback?.seen == last && report.rollback?.endsAt == endsAt)
            #expect(report.summary.hasPrefix("rolled back: seen seal #\(last), this log ends at #\(endsAt)"))
        }
        #expect(seen.seen(whole)?.counter == last)
    }

    /// Integrity attack round 8, F9: each earlier close, continued along another history as far as the log seen
    /// or further, verifies alone and is a fork once the log was seen; continued along the same history, it is none.
    @Test(arguments: 1...4 as ClosedRange<UInt64>)
    func aLogCutBackAndContinuedAnotherWayIsAFork(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let path = try SealedLogs.newLogPath()
        let ends = try RollbackTests.closedRepeatedly(path, runs: Int.random(in: 2...4, using: &random), key: key, random: &random)
        var seen = LastSeenSeals()
        let whole = seen.check(try SealVerifier.verify(path: path, expected: key.publicKey))
        let sealsSeen = try #require(whole.lastValid?.counter)
        let events = try RollbackTests.records(path)
        for (index, end) in ends.dropLast().enumerated() {
            let cut = try SealedLogs.rewrite(path, as: "cut-\(index).evlog") { $0.removeLast($0.count - end) }
            let cutSeals = try #require(try SealVerifier.verify(path: cut, expected: key.publicKey).lastValid?.counter)
            let again = try SealedLogs.rewrite(cut, as: "again-\(index).evlog") { _ in }
            // One seal per event continued: as many seals as the log seen, or up to two more.
            let more = Int(sealsSeen - cutSeals) + Int.random(in: 0...2, using: &random)
            try RollbackTests.resume(cut, events: (events + 1)...(events + more), key: key, type: "step_failed")
            let alone = try SealVerifier.verify(path: cut, expected: key.publicKey)
            #expect(alone.coverage == .whole, "\(alone.summary)")
            let report = seen.check(alone)
            #expect(report.failed && report.fork?.counter == sealsSeen && report.rollback == nil, "\(report.summary)")
            #expect(report.summary.hasPrefix("tampered: its seal #\(sealsSeen) signs another chain head"), "\(report.summary)")
            #expect(report.summary.contains("a fork of the log this home saw"))

            // The same records again (a copy continued as the log was) are the same history: no fork.
            let original = try LogReader(path: path)
            var tail: [[UInt8]] = []
            try original.forEachRecord { index, _, payload in if index >= end { tail.append(Array(payload)) } }
            let same = try SealedLogs.rewrite(again, as: "same-\(index).evlog") { records in
                records += tail.map { SealedLogs.Record(payload: $0, checkpoint: false) }
            }
            #expect(!seen.check(try SealVerifier.verify(path: same, expected: key.publicKey)).failed)
        }
        #expect(seen.seen(try #require(whole.endPoint))?.counter == sealsSeen)
    }

    /// Integrity attack round 8, F3: a log closed by one key and continued by another after its final seal (a
    /// hand-over) is one log: cut back to the first key's final seal, it is rolled back once the whole was seen.
    /// Integrity attack round 16, finding 4: the first key's own later continuation of its closed log (the owner
    /// remedied it itself) is no older copy of the other key's: a branch of its own, neither rolled back nor a fork.
    @Test(arguments: 1...3 as ClosedRange<UInt64>)
    func aHandedOverLogCutBackToTheFirstKeysCloseIsRolledBack(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let path = try SealedLogs.newLogPath()
        let other = HostKey(Curve25519.Signing.PrivateKey())
        let first = Int.random(in: 1...5, using: &random)
        try SealedLogs.write(path, count: first, sealAfter: [], key: key)
        let firstClose = try RollbackTests.records(path)
        let owners = try SealedLogs.rewrite(path, as: "owner.evlog") { _ in }
        try RollbackTests.resume(path, events: (first + 1)...(first + Int.random(in: 1...4, using: &random)), key: other, vouchedBy: key.publicKey)
        let both = TrustedKeys(anyOf: [key.publicKey, other.publicKey])
        var seen = LastSeenSeals()
        let whole = seen.check(try SealVerifier.verify(path: path, trusting: both))
        #expect(!whole.failed && whole.handovers.count == 1, "\(whole.summary)")

        let cut = try SealedLogs.rewrite(path, as: "cut.evlog") { $0.removeLast($0.count - firstClose) }
        #expect(try SealVerifier.verify(path: cut, trusting: both).coverage == .whole)
        for trusted in [both, TrustedKeys(key.publicKey)] {
            let report = seen.check(try SealVerifier.verify(path: cut, trusting: trusted))
            #expect(report.failed && report.rollback?.seen == whole.lastValid?.counter && report.branch == nil, "\(report.summary)")
        }
        try RollbackTests.resume(owners, events: (first + 1)...(first + Int.random(in: 1...2, using: &random)), key: key, type: "step_done")
        let branch = seen.check(try SealVerifier.verify(path: owners, trusting: both))
        #expect(!branch.failed && branch.branch != nil && branch.summary.contains("a branch of its own"), "\(branch.summary)")
    }

    @Test func theRecordIsPerLogAndSurvivesItsFile() throws {
        var random = SplitMix64(seed: 9)
        let path = try SealedLogs.newLogPath()
        let ends = try RollbackTests.closedRepeatedly(path, runs: 2, key: key, random: &random)
        let cut = try SealedLogs.rewrite(path, as: "cut.evlog") { $0.removeLast($0.count - ends[0]) }
        let record = try SealedLogs.temporaryDirectory() + "/" + LastSeenSeals.fileName

        var seen = LastSeenSeals()
        _ = seen.check(try SealVerifier.verify(path: path, expected: key.publicKey))
        try seen.write(to: record)
        var reread = try LastSeenSeals(path: record)
        #expect(reread == seen)
        #expect(reread.check(try SealVerifier.verify(path: cut, expected: key.publicKey)).rollback != nil)

        // Another log's record says nothing about this log.
        var other = LastSeenSeals()
        let otherKey = HostKey(Curve25519.Signing.PrivateKey())
        let otherPath = try SealedLogs.newLogPath()
        _ = try RollbackTests.closedRepeatedly(otherPath, runs: 3, key: otherKey, random: &random)
        _ = other.check(try SealVerifier.verify(path: otherPath, expected: otherKey.publicKey))
        #expect(other.check(try SealVerifier.verify(path: cut, expected: key.publicKey)).rollback == nil)

        try Array("{\"key\": 1}\n".utf8).withUnsafeBytes { try Data($0).write(to: URL(fileURLWithPath: record)) }
        #expect(throws: SealingError.badLastSeen(record, line: 1)) { try LastSeenSeals(path: record) }

        // A line written before logs were told apart by their first seal still counts, per key and plan.
        let legacy = #"{"key":"\#(key.publicKey.fingerprint)","plan":"p-000000000001","seal":\#(try #require(seen.check(try SealVerifier.verify(path: path, expected: key.publicKey)).lastValid?.counter))}"#
        try Array((legacy + "\n").utf8).withUnsafeBytes { try Data($0).write(to: URL(fileURLWithPath: record)) }
        var older = try LastSeenSeals(path: record)
        #expect(older.check(try SealVerifier.verify(path: cut, expected: key.publicKey)).rollback != nil)
        #expect(!older.check(try SealVerifier.verify(path: path, expected: key.publicKey)).failed)
    }
}
