import Crypto
import EventLog
import Foundation
import InstallModel
@testable import Sealing
import Testing

/// The home's writers record every seal they make in the record of seals seen (FORMAT.md §9.6), one appended
/// line each, checked as a reader checks a log first: a seal the record contradicts is another writer's. The user's
/// decision to trust a copy as it is (`--accept-rollback`) is recorded, never silent; a log sealed here that the
/// record does not name is said to be so.
@Suite struct SealRecordingTests {
    static func point(_ log: [UInt8], counter: UInt64, random: inout SplitMix64) -> SealPoint {
        SealPoint(log: log, plan: "p-000000000001", key: "ed25519:0000000000000000", counter: counter,
                  chainHead: (0..<32).map { _ in UInt8.random(in: 0...255, using: &random) })
    }

    static func lines(_ path: String) -> [Substring] {
        (try? String(contentsOfFile: path, encoding: .utf8))?.split(separator: "\n") ?? []
    }

    @Test(arguments: 1...4 as ClosedRange<UInt64>)
    func eachSealIsRecordedAsItIsMadeAndTheRecordStaysBounded(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let record = try SealedLogs.temporaryDirectory() + "/" + LastSeenSeals.fileName
        let logs = (0..<Int.random(in: 1...5, using: &random)).map { _ in (0..<32).map { _ in UInt8.random(in: 0...255, using: &random) } }
        var counters = Array(repeating: UInt64(0), count: logs.count)
        var last: [SealPoint?] = Array(repeating: nil, count: logs.count)
        for _ in 0..<Int.random(in: 40...160, using: &random) {
            let which = Int.random(in: 0..<logs.count, using: &random)
            counters[which] += 1
            let point = SealRecordingTests.point(logs[which], counter: counters[which], random: &random)
            #expect(try LastSeenSeals.record(point, at: record) == nil)
            // A seal recorded twice (the close after the last seal) is not a conflict.
            #expect(try LastSeenSeals.record(point, at: record) == nil)
            last[which] = point
            let seen = try LastSeenSeals(path: record).seen(point)
            #expect(seen?.counter == point.counter && seen?.chainHead == point.chainHead)
        }
        #expect(SealRecordingTests.lines(record).count <= 2 * logs.count + LastSeenSeals.linesPerLogMax)
        let reread = try LastSeenSeals(path: record)
        for point in last.compactMap({ $0 }) { #expect(reread.seen(point)?.counter == point.counter) }
    }

    /// Many plans, each crashed after a few seals (never closed): the record stays at two lines a log and a few more.
    @Test(arguments: 1...2 as ClosedRange<UInt64>)
    func aHomeOfManyPlansKeepsASmallRecord(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let record = try SealedLogs.temporaryDirectory() + "/" + LastSeenSeals.fileName
        var points: [SealPoint] = []
        for _ in 0..<Int.random(in: 60...120, using: &random) {
            let log = (0..<32).map { _ in UInt8.random(in: 0...255, using: &random) }
            for counter in 1...UInt64.random(in: 2...6, using: &random) {
                let point = SealRecordingTests.point(log, counter: counter, random: &random)
                #expect(try LastSeenSeals.record(point, at: record) == nil)
                points.append(point)
            }
            #expect(SealRecordingTests.lines(record).count <= 2 * (Set(points.map(\.log)).count) + LastSeenSeals.linesPerLogMax)
        }
        let reread = try LastSeenSeals(path: record)
        for point in points { #expect((reread.seen(point)?.counter ?? 0) >= point.counter) }
    }

    @Test(arguments: 2...6 as ClosedRange<UInt64>)
    func aSealTheRecordContradictsIsAnotherWritersAndIsNotRecorded(counter: UInt64) throws {
        var random = SplitMix64(seed: counter)
        let record = try SealedLogs.temporaryDirectory() + "/" + LastSeenSeals.fileName
        let log = (0..<32).map { _ in UInt8.random(in: 0...255, using: &random) }
        for seal in 1...counter { #expect(try LastSeenSeals.record(SealRecordingTests.point(log, counter: seal, random: &random), at: record) == nil) }
        let before = try String(contentsOfFile: record, encoding: .utf8)
        let fork = SealRecordingTests.point(log, counter: counter, random: &random)
        #expect(try LastSeenSeals.record(fork, at: record) == LastSeenSeals.Conflict(counter: counter, recorded: counter, forked: true))
        let behind = SealRecordingTests.point(log, counter: UInt64.random(in: 1..<counter, using: &random), random: &random)
        #expect(try LastSeenSeals.record(behind, at: record) == LastSeenSeals.Conflict(counter: behind.counter, recorded: counter, forked: false))
        #expect(try String(contentsOfFile: record, encoding: .utf8) == before)
        // Another log's seals are not this one's.
        let other = SealRecordingTests.point((0..<32).map { _ in 7 }, counter: 1, random: &random)
        #expect(try LastSeenSeals.record(other, at: record) == nil)
    }

    @Test(arguments: [1, 40, 150])
    func aLineTornByACrashIsReadAsAbsentAndCutBeforeTheNextOne(tornBytes: Int) throws {
        var random = SplitMix64(seed: UInt64(tornBytes))
        let record = try SealedLogs.temporaryDirectory() + "/" + LastSeenSeals.fileName
        let log = (0..<32).map { _ in UInt8.random(in: 0...255, using: &random) }
        let first = SealRecordingTests.point(log, counter: 1, random: &random)
        #expect(try LastSeenSeals.record(first, at: record) == nil)
        let torn = Array(try String(contentsOfFile: record, encoding: .utf8).utf8.prefix(tornBytes))
        let handle = try #require(FileHandle(forWritingAtPath: record))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(torn.filter { $0 != UInt8(ascii: "\n") }))
        try handle.close()
        #expect(try LastSeenSeals(path: record).seen(first)?.counter == 1)
        let second = SealRecordingTests.point(log, counter: 2, random: &random)
        #expect(try LastSeenSeals.record(second, at: record) == nil)
        #expect(SealRecordingTests.lines(record).count == 2)
        #expect(try LastSeenSeals(path: record).seen(second)?.counter == 2)
    }

    /// A log closed 2–4 times, seen whole in the record beside it, and a copy of it cut back to its first close.
    static func seenThenCut(seed: UInt64) throws -> (key: HostKey, path: String, cut: String, record: String, cutReport: SealReport) {
        var random = SplitMix64(seed: seed)
        let key = HostKey(Curve25519.Signing.PrivateKey())
        let path = try SealedLogs.newLogPath()
        let ends = try RollbackTests.closedRepeatedly(path, runs: Int.random(in: 2...4, using: &random), key: key, random: &random)
        let cut = try SealedLogs.rewrite(path, as: "cut.evlog") { $0.removeLast($0.count - ends[0]) }
        let record = (path as NSString).deletingLastPathComponent + "/" + LastSeenSeals.fileName
        _ = try LastSeenSeals.check(try SealVerifier.verify(path: path, expected: key.publicKey), recordedAt: record)
        return (key, path, cut, record, try SealVerifier.verify(path: cut, expected: key.publicKey))
    }

    @Test(arguments: 1...3 as ClosedRange<UInt64>)
    func acceptingACutBackCopyIsRecordedAsADecisionAndThenHolds(seed: UInt64) throws {
        let (key, path, cut, record, cutReport) = try Self.seenThenCut(seed: seed)
        #expect(try LastSeenSeals.check(cutReport, recordedAt: record).report.recordVerdict == "rolled_back")

        let accepted = try LastSeenSeals.accept(cutReport, from: cut, recordedAt: record, sealedHere: false, now: 42)
        #expect(!accepted.failed, "\(accepted.summary)")
        #expect(try LastSeenSeals.check(cutReport, recordedAt: record).report.recordVerdict == nil)
        let decisions = SealRecordingTests.lines(LastSeenSeals.decisionsPath(besideRecordAt: record))
        #expect(decisions.count == 1)
        #expect(decisions.first?.contains(#""why":"rolled_back""#) == true && decisions.first?.contains(#""seen_seal":"#) == true)
        // The whole log, seen again, goes further than the accepted copy: it is recorded again, not a rollback.
        #expect(try LastSeenSeals.check(try SealVerifier.verify(path: path, expected: key.publicKey), recordedAt: record).report.recordVerdict == nil)
    }

    /// integrity18 #8: the decision is written before the record changes, whole: when it cannot be written (here the
    /// decisions' name is a directory), the record still says what was seen and the copy is still rolled back; once it
    /// can, each decision is a whole line of its own, and no temporary file is left beside them.
    @Test(arguments: 1...2 as ClosedRange<UInt64>)
    func aDecisionThatCannotBeWrittenLeavesTheRecordAsItWas(seed: UInt64) throws {
        let (_, _, cut, record, cutReport) = try Self.seenThenCut(seed: seed)
        let directory = (record as NSString).deletingLastPathComponent
        let decisions = LastSeenSeals.decisionsPath(besideRecordAt: record)
        let before = try Data(contentsOf: URL(fileURLWithPath: record))
        try FileManager.default.createDirectory(atPath: decisions, withIntermediateDirectories: false)
        #expect(throws: SealingError.self) { try LastSeenSeals.accept(cutReport, from: cut, recordedAt: record, sealedHere: false, now: 42) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: record)) == before)
        #expect(try LastSeenSeals.check(cutReport, recordedAt: record).report.recordVerdict == "rolled_back")

        try FileManager.default.removeItem(atPath: decisions)
        for time in 1...3 { _ = try LastSeenSeals.accept(cutReport, from: cut, recordedAt: record, sealedHere: false, now: Int64(time)) }
        let lines = SealRecordingTests.lines(decisions)
        #expect(lines.count == 3 && lines.allSatisfy { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) != nil }, "\(lines)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).allSatisfy { !$0.contains(".tmp-") })
    }

    @Test func aLogSealedWhereTheRecordIsKeptThatTheRecordDoesNotNameIsSaidToBeSo() throws {
        var random = SplitMix64(seed: 5)
        let key = HostKey(Curve25519.Signing.PrivateKey())
        let path = try SealedLogs.newLogPath()
        _ = try RollbackTests.closedRepeatedly(path, runs: 2, key: key, random: &random)
        let record = (path as NSString).deletingLastPathComponent + "/" + LastSeenSeals.fileName
        let report = try SealVerifier.verify(path: path, expected: key.publicKey)
        let checked = try LastSeenSeals.check(report, recordedAt: record, sealedHere: true).report
        #expect(checked.failed && checked.recordVerdict == "unrecorded")
        #expect(checked.summary.contains("--accept-rollback") && !checked.summary.contains("remove it"), "\(checked.summary)")
        #expect(!FileManager.default.fileExists(atPath: record), "an unrecorded log is not recorded by a check")
        // A log from elsewhere is recorded when first seen, as before.
        #expect(try LastSeenSeals.check(report, recordedAt: record).report.recordVerdict == nil)
        #expect(try LastSeenSeals.check(report, recordedAt: record, sealedHere: true).report.recordVerdict == nil)
    }

    @Test(arguments: [false, true])
    func aFormatOneHeaderIsSaidToBeOutsideTheSeals(formatTwo: Bool) {
        let seal = SealReport.Seal(fingerprint: "ed25519:0000000000000000", records: 20, firstTime: 0, lastTime: 0, counter: 3, final: true)
        let report = SealReport(
            plan: "p-000000000001", lastValid: seal, signers: [seal.fingerprint], totalRecords: 21, expected: seal.fingerprint,
            tail: SealReport.Tail(), sealsEveryTransition: formatTwo)
        #expect(report.headerCovered == formatTwo)
        #expect(report.summary.contains("header not covered by seal (format 1)") == !formatTwo, "\(report.summary)")
    }
}

/// A writer's `LastSeenSeals.Cursor` reads only what was appended since its last seal (integrity10 finding 15): it
/// must still see every line another writer appended, and the record replaced by a compaction.
@Suite struct SealRecordCursorTests {
    @Test(arguments: 1...4 as ClosedRange<UInt64>)
    func aWritersCursorSeesWhatOtherWritersAppendedAndCompacted(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let record = try SealedLogs.temporaryDirectory() + "/" + LastSeenSeals.fileName
        let mine = (0..<32).map { _ in UInt8.random(in: 0...255, using: &random) }
        let cursor = LastSeenSeals.Cursor()
        var counter: UInt64 = 0
        // Other writers' seals of three other logs: a line each, so the record is compacted now and then.
        let others = (0..<3).map { _ in (0..<32).map { _ in UInt8.random(in: 0...255, using: &random) } }
        var otherCounters = [UInt64](repeating: 0, count: others.count)
        var compactions = 0
        for _ in 0..<Int.random(in: 12...24, using: &random) {
            for _ in 0..<Int.random(in: 0...16, using: &random) {
                let which = Int.random(in: 0..<others.count, using: &random)
                otherCounters[which] += 1
                let before = SealRecordingTests.lines(record).count
                #expect(try LastSeenSeals.record(SealRecordingTests.point(others[which], counter: otherCounters[which], random: &random), at: record) == nil)
                if SealRecordingTests.lines(record).count <= before { compactions += 1 }
            }
            counter += 1
            #expect(try LastSeenSeals.record(SealRecordingTests.point(mine, counter: counter, random: &random), at: record, cursor: cursor) == nil)
        }
        // Another writer of the same log goes further: this writer's next seal is a conflict, seen through its cursor.
        #expect(try LastSeenSeals.record(SealRecordingTests.point(mine, counter: counter + 2, random: &random), at: record) == nil)
        let next = SealRecordingTests.point(mine, counter: counter + 1, random: &random)
        #expect(try LastSeenSeals.record(next, at: record, cursor: cursor) == LastSeenSeals.Conflict(counter: counter + 1, recorded: counter + 2, forked: false))
        #expect(compactions > 0 || otherCounters.reduce(0, +) + counter < 64, "the record was never compacted under the cursor")
    }
}

/// integrity23 #4: `verify` of a format-1 log whose crash tail, taken over behind its `unsealed_at_crash` mark, holds an
/// event no crash leaves says so, naming the record; a tail of what a crash leaves is said as before.
@Suite struct FormatOneCrashTailWordingTests {
    @Test(arguments: [false, true])
    func aCrashTailHoldingAStateEventIsSaidToDecideNothing(forged: Bool) {
        let seal = SealReport.Seal(fingerprint: "ed25519:0000000000000000", records: 20, firstTime: 0, lastTime: 0, counter: 3, final: true)
        let forgery = SealReport.Tail.Forged(record: 5, reason: "it is a step_done event, which a writer seals as it records it")
        let report = SealReport(
            plan: "p-000000000001", lastValid: seal, signers: [seal.fingerprint], totalRecords: 21, expected: seal.fingerprint,
            tail: SealReport.Tail(), sealsEveryTransition: false, crashTails: [4...5], crashTailForgeries: forged ? [forgery] : [])
        #expect(report.summary.contains("records 4–5 were written after the last seal of a crashed writer"), "\(report.summary)")
        #expect(report.summary.contains("record 5 among them is none a crash leaves (it is a step_done event") == forged, "\(report.summary)")
    }
}
