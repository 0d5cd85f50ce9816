import EventLog
import Foundation
import InstallModel
import Orchestrator
import Sealing
import Testing

/// integrity10 finding 16: `replay`, `diagnose` and `what-ran` of a bundle whose seals do not hold showed the edited
/// output as the host's with no word; integrity20 #2: `status`, `list`, `what-failed`, `remedy` too, and of a plan's
/// log as well as a bundle's. `PlanLog.sealNote` is the line they print first.
struct BundleSealNoteTests {
    static func event(_ sequence: Int) -> [UInt8] {
        [0x01] + Array(#"{"seq":\#(sequence),"step":"a","time":\#(1_767_225_600_000_000 + sequence * 1000),"type":"step_started","v":1}"#.utf8)
    }

    /// A bundle as `evlog bundle` ends one: events sealed now and then, `bundle_info`, a final seal.
    static func bundle(at path: String, key: HostKey, count: Int) throws -> [[UInt8]] {
        let writer = try LogWriter.open(path: path, label: "p-000000000001", creator: "evlog 0.1", createdAtMicros: 1)
        var sealer = try Sealer(key: key, header: writer.header)
        var chain = try HashChain(header: writer.header)
        var records: [[UInt8]] = []
        /// A record in the file and the chain; the sealer observes events, not its own seals.
        func append(_ payload: [UInt8], observed: Bool = true) throws {
            try writer.append(payload)
            if observed { sealer.observe(payload) }
            chain.append(payload)
            records.append(payload)
        }
        for sequence in 1...count {
            try append(event(sequence))
            if sequence % 3 == 0, let seal = try sealer.seal(final: false) { try append(seal, observed: false) }
        }
        try append([0x01] + Array((#"{"chain_head":"\#(chain.headHex)","records":\#(chain.count),"seq":\#(count),"#
            + #""time":\#(1_767_225_600_000_000 + count * 1000),"type":"bundle_info","v":1}"#).utf8))
        if let seal = try sealer.seal(final: true) { try writer.append(seal) }
        try writer.close()
        try? FileManager.default.removeItem(atPath: LogWriter.lockFilePath(for: path))
        return records
    }

    /// The records of `path` written again at `edited` after `edit` (every checksum recomputed by the writer).
    static func rewrite(_ path: String, to edited: String, _ edit: (inout [[UInt8]]) -> Void) throws {
        var records: [[UInt8]] = []
        try LogReader(path: path).forEachRecord { _, _, payload in records.append(Array(payload)) }
        edit(&records)
        let writer = try LogWriter.open(path: edited, label: "p-000000000001", creator: "evlog 0.1", createdAtMicros: 1)
        for record in records { try writer.append(record) }
        try writer.close()
        try? FileManager.default.removeItem(atPath: LogWriter.lockFilePath(for: edited))
    }

    @Test(arguments: 1...4)
    func aBundleWhoseSealsDoNotHoldIsSaidToBeSoAndAWholeOneIsNot(seed: Int) throws {
        var random = SplitMix64(seed: UInt64(seed))
        let directory = NSTemporaryDirectory() + "evlog-bundle-note-" + UUID().uuidString
        let key = try HostKey.generate(in: directory + "/key")
        let path = directory + "/host.evb"
        let count = 4 + Int(random.next() % 8)
        _ = try Self.bundle(at: path, key: key, count: count)
        #expect(PlanLog(path: path).sealNote == nil)

        let pick = random.next()
        let edited = directory + "/edited.evb"
        try Self.rewrite(path, to: edited) { records in
            let events = records.indices.filter { String(decoding: records[$0], as: UTF8.self).contains("step_started") }
            let editedAt = events[Int(pick % UInt64(events.count))]
            let text = String(decoding: records[editedAt], as: UTF8.self).replacingOccurrences(of: "step_started", with: "step_startex")
            records[editedAt] = Array(text.utf8)
        }
        let note = try #require(PlanLog(path: edited).sealNote)
        #expect(note.contains("is broken") && note.contains("not what the host recorded"), "\(note)")

        let appended = directory + "/appended.evb"
        try Self.rewrite(path, to: appended) { $0.append(Self.event(count + 1)) }
        let after = try #require(PlanLog(path: appended).sealNote)
        #expect(after.contains("record") && after.contains("after final seal"), "\(after)")

        // integrity20 #2: a plan's log whose seal an edit broke is noted on every read too; one with records after
        // its final seal is judged by the sealed fold (`unsealedTailReason`), not here.
        let asLog = directory + "/edited.evlog"
        try FileManager.default.copyItem(atPath: edited, toPath: asLog)
        let logNote = try #require(PlanLog(path: asLog).sealNote)
        #expect(logNote.contains("the log's seals") && logNote.contains("is broken") && logNote.contains("not what evlog recorded"), "\(logNote)")
        let appendedLog = directory + "/appended.evlog"
        try FileManager.default.copyItem(atPath: appended, toPath: appendedLog)
        #expect(PlanLog(path: appendedLog).sealNote == nil)
        let wholeLog = directory + "/whole.evlog"
        try FileManager.default.copyItem(atPath: path, toPath: wholeLog)
        #expect(PlanLog(path: wholeLog).sealNote == nil)
    }
}
