import Crypto
import EventLog
import Foundation
import InstallModel
import Sealing
import Testing

/// Rollback (FORMAT.md §9.6): a log closed, resumed and closed again, cut back to an earlier final seal,
/// verifies on its own — every prefix ending at a final seal does — and fails once a later seal of the same
/// plan and key has been seen.
@Suite struct RollbackTests {
    let key = HostKey(Curve25519.Signing.PrivateKey())

    /// Continues the closed log at `path` the way `resume` does: the sealer from one pass over it, then
    /// `events` more events, a seal after each, and a final seal at close.
    static func resume(_ path: String, events: ClosedRange<Int>, key: HostKey) throws {
        var sealer = try #require(try SealVerifier.prepareToAppend(path: path, key: key).sealer)
        let writer = try LogWriter.open(path: path, label: "", creator: "", createdAtMicros: 0)
        for sequence in events {
            let event = SealedLogs.event(sequence)
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
        let last = try #require(seen.seen(key: key.publicKey.fingerprint, plan: "p-000000000001"))
        // Once the whole log was seen, every cut is an older copy presented as current.
        for cut in cuts {
            let report = seen.check(try SealVerifier.verify(path: cut, expected: key.publicKey))
            let endsAt = try #require(report.lastValid?.counter)
            #expect(report.failed && report.rollback?.seen == last && report.rollback?.endsAt == endsAt)
            #expect(report.summary.hasPrefix("rolled back: seen seal #\(last), this log ends at #\(endsAt)"))
        }
        #expect(seen.seen(key: key.publicKey.fingerprint, plan: "p-000000000001") == last)
    }

    @Test func theRecordIsPerPlanAndKeyAndSurvivesItsFile() throws {
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

        // Another key's record, or another plan's, says nothing about this log.
        var other = LastSeenSeals()
        let otherKey = HostKey(Curve25519.Signing.PrivateKey())
        let otherPath = try SealedLogs.newLogPath()
        _ = try RollbackTests.closedRepeatedly(otherPath, runs: 3, key: otherKey, random: &random)
        _ = other.check(try SealVerifier.verify(path: otherPath, expected: otherKey.publicKey))
        #expect(other.check(try SealVerifier.verify(path: cut, expected: key.publicKey)).rollback == nil)

        try Array("{\"key\": 1}\n".utf8).withUnsafeBytes { try Data($0).write(to: URL(fileURLWithPath: record)) }
        #expect(throws: SealingError.badLastSeen(record, line: 1)) { try LastSeenSeals(path: record) }
    }
}
