import EventLog
import EvlogKit
import Foundation
import InstallModel
import Orchestrator
import Sealing
import Testing

/// review15 R7: a row of `list` and `/api/plans` reads its log from the last checkpoint and checks the seals it reads
/// there, never hashing the whole file: a seal an edit after that checkpoint broke is marked in the row, with the
/// line `status` prints; an edit before it is for `status` (`PlanLog.sealNote`, a whole pass), which says so whatever
/// the checkpoint. Generated over every place of the checkpoint in a sealed install's log.
struct ListSealCheckTests {
    @Test func aRowMarksASealBrokenAfterItsCheckpointWithoutAWholePass() throws {
        let home = try RecordTrustTests.home()
        defer { try? FileManager.default.removeItem(atPath: home.path) }
        let key = try RecordTrustTests.key()
        let plain = try RecordTrustTests.writeInstall("p-000000000001", in: home, key: key, sealingEach: true)
        let events = try PlanLog(path: plain).events().filter { if case .unknown = $0.body { false } else { true } }.count
        var marked = 0
        for position in 0..<(events - 1) {
            let id = String(format: "p-0000000002%02d", position)
            let path = try RecordTrustTests.writeInstall(id, in: home, key: key, sealingEach: true, checkpointAfter: position)
            let whole = try Self.row(of: PlanLog(path: path))
            #expect(whole.sealNote == nil, "checkpoint after event \(position): a log whose seals hold is not marked")
            let edit = try Self.editPackageSet(of: path)
            let log = PlanLog(path: path)
            let status = try #require(log.sealNote, "checkpoint after event \(position): status sees every edit")
            let row = try Self.row(of: log)
            if edit.record > edit.checkpoint {
                #expect(row.sealNote == status, "checkpoint after event \(position), edit at record \(edit.record)")
                marked += 1
            } else {
                #expect(row.sealNote == nil, "checkpoint after event \(position): an edit before it is not read by the row")
            }
        }
        #expect(marked > 0 && marked < events - 1, "the edit falls on both sides of the checkpoint")
    }

    /// The row of `log`, made while counting whole-file seal passes: at most one, the home's judgement of what it
    /// vouches for (`HomeVouching`, integrity23 #1/#7: a log stripped of its seals or sealed by another key), which
    /// review15 R7's row had none of; the tail's own seal check adds none.
    static func row(of log: PlanLog) throws -> PlanRow {
        let passes = SealPassCount()
        let row = SealVerifier.$passes.withValue(passes) { PlanRow(of: log) }
        #expect(passes.count <= 1, "a row of \(log.path) verified the whole file \(passes.count) times")
        // The seam counts: status's note is a whole pass more.
        let before = passes.count
        SealVerifier.$passes.withValue(passes) { _ = log.sealNote }
        #expect(passes.count > before)
        return try #require(row)
    }

    /// Writes the log at `path` again, every record and checkpoint flag in place and checksums recomputed, with the
    /// package a `package_set_changed` added renamed (the seal after it no longer holds). Returns the record edited and
    /// the checkpoint's.
    static func editPackageSet(of path: String) throws -> (record: UInt64, checkpoint: UInt64) {
        let reader = try LogReader(path: path)
        var records: [(payload: [UInt8], checkpoint: Bool)] = []
        var edited: UInt64?
        var checkpoint: UInt64?
        try reader.forEachRecord { index, isCheckpoint, payload in
            if isCheckpoint { checkpoint = index }
            let text = String(decoding: payload, as: UTF8.self)
            if edited == nil, text.contains("package_set_changed"), text.contains("libdep") {
                edited = index
                records.append((Array(text.replacingOccurrences(of: "libdep", with: "libdeq").utf8), false))
            } else {
                records.append((Array(payload), isCheckpoint))
            }
        }
        let header = reader.header
        let copy = path + ".edit"
        let writer = try LogWriter.open(
            path: copy, label: header.label, creator: header.creator, createdAtMicros: header.createdAtMicros, mayHoldEventParts: header.mayHoldEventParts)
        for record in records { try writer.append(record.payload, checkpoint: record.checkpoint) }
        try writer.close()
        unlink(LogWriter.lockFilePath(for: copy))
        #expect(rename(copy, path) == 0)
        return (try #require(edited), try #require(checkpoint))
    }
}
