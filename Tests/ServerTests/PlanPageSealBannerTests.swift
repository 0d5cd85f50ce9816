import EventLog
import Foundation
import Orchestrator
import Sealing
import Testing

@testable import Server

/// review15 R7: the plan page passes over its log once for all it asks the seals (the proposals they leave out, a
/// broken one), and says one broken seal once: on a bundle's page the seal line that names the edit is the banner.
struct PlanPageSealBannerTests {
    @Test(arguments: [3, 11] as [UInt64])
    func aBrokenSealIsOneBannerFromOnePass(seed: UInt64) throws {
        let key = try HostKey.generate(in: NSTemporaryDirectory() + "evlog-page-key-" + UUID().uuidString)
        let recorded = try RecordedPlan(seed: seed, key: key)
        try recorded.recordOutput(lines: 40)
        try recorded.finish()
        let path = PlanArchive(home: recorded.home).logPath(for: recorded.id)
        try Self.editOutput(of: path)
        let log = PlanLog(path: path)
        let passes = SealPassCount()
        let own = try SealVerifier.$passes.withValue(passes) { try PlanPage.html(log, base: "/plans/p", actions: true, fleet: false) }
        #expect(own.components(separatedBy: "id=\"seal-broken\"").count == 2, "\(own.prefix(1200))")
        #expect(passes.count == 1, "the page read its file whole \(passes.count) times for its seals")
        let bundlePage = try PlanPage.html(log, base: "/fleet/h", actions: false, fleet: true, seals: try SealVerifier.verify(path: path))
        #expect(bundlePage.contains("id=\"seal\"") && !bundlePage.contains("id=\"seal-broken\""), "\(bundlePage.prefix(1200))")
    }

    /// Writes the log at `path` again with `line` spelled `lime` in its middle output record, every checkpoint flag in
    /// place and every checksum recomputed: the seal after it no longer holds.
    static func editOutput(of path: String) throws {
        let reader = try LogReader(path: path)
        var records: [(payload: [UInt8], checkpoint: Bool)] = []
        try reader.forEachRecord { _, isCheckpoint, payload in records.append((Array(payload), isCheckpoint)) }
        let word = Array("line".utf8)
        let outputs = records.indices.filter { records[$0].payload.first == 0x02 && records[$0].payload.firstRange(of: word) != nil }
        let middle = try #require(outputs.dropFirst(outputs.count / 2).first)
        let at = try #require(records[middle].payload.firstRange(of: word))
        records[middle].payload[at.lowerBound + 2] = UInt8(ascii: "m")
        let header = reader.header
        try FileManager.default.removeItem(atPath: path)
        let writer = try LogWriter.open(path: path, label: header.label, creator: header.creator, createdAtMicros: header.createdAtMicros)
        for record in records { try writer.append(record.payload, checkpoint: record.checkpoint) }
        try writer.close()
        unlink(LogWriter.lockFilePath(for: path))
    }
}
