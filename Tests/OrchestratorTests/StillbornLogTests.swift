import EventLog
import Foundation
import InstallModel
import Orchestrator
import Testing

/// A log is whole or absent (integrity11 #12, #13): what a writer killed as it created a log leaves (an empty file, a
/// torn header, a header alone) is no plan — `latest` and `list` pass over it, and what names it says so — and a
/// log whose first record is not a readable `plan_created` says which record and why.
@Suite struct StillbornLogTests {
    let home: String

    init() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("evlog-stillborn-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: home + "/plans", withIntermediateDirectories: true)
    }

    /// The log of plan `id` in the home, holding `payloads` (none: a header alone); the writer closed.
    func log(_ id: String, payloads: [[UInt8]]) throws -> String {
        let path = home + "/plans/\(id).evlog"
        let writer = try LogWriter.open(path: path, label: id, creator: PlanArchive.creator, createdAtMicros: 1)
        for payload in payloads { try writer.append(payload) }
        try writer.close()
        return path
    }

    static func planCreated(_ id: String) throws -> [UInt8] {
        let plan = Plan(id: PlanID(id), tools: ["jq"], profile: SealTrustTests.profile, steps: [])
        return try EventPayload.encode(Event(sequence: 1, time: Timestamp(microseconds: 1), body: .planCreated(plan)))
    }

    /// Every way a killed creation ends (no byte, each length of a torn header, the header alone) is stillborn while no
    /// writer holds it, and `latest` is the plan before it; held by a writer, the same file is not.
    @Test func whatAKilledCreationLeavesIsNoPlanAndLatestPassesOverIt() throws {
        defer { try? FileManager.default.removeItem(atPath: home) }
        let older = try log("p-older0000001", payloads: [try StillbornLogTests.planCreated("p-older0000001")])
        let header = try log("p-header000001", payloads: [])
        let bytes = try #require(FileManager.default.contents(atPath: header))
        #expect(PlanLog(path: older).isStillborn == false)
        let newer = home + "/plans/p-newer0000001.evlog"
        for length in 0...bytes.count {
            try Data(bytes.prefix(length)).write(to: URL(fileURLWithPath: newer))
            try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(60)], ofItemAtPath: newer)
            #expect(PlanLog(path: newer).isStillborn, "a file of \(length) of the header's \(bytes.count) bytes")
            #expect(try PlanLog.open("latest", home: home).path == older, "\(length) bytes")
            #expect(PlanLog(path: newer).stillbornNote?.contains("ends before its first record") == true)
        }
        let lock = try LogWriter.lock(path: newer)
        #expect(!PlanLog(path: newer).isStillborn, "a writer holds it: it is being created")
        lock.release()
    }

    @Test func aFirstRecordThatIsNoReadablePlanIsNamedWithWhy() throws {
        defer { try? FileManager.default.removeItem(atPath: home) }
        var unreadable = try StillbornLogTests.planCreated("p-shell0000001")
        unreadable = Array(String(decoding: unreadable, as: UTF8.self).replacingOccurrences(of: #""tools""#, with: #""tool""#).utf8)
        let path = try log("p-shell0000001", payloads: [unreadable])
        let reason = try #require(PlanLog(path: path).noPlanReason)
        #expect(reason.hasPrefix("its first record does not decode as plan_created: event JSON does not decode: at plan: no field 'tools'"), "\(reason)")
        #expect(PlanLog(path: path).isStillborn == false)
        let whole = try log("p-whole0000001", payloads: [try StillbornLogTests.planCreated("p-whole0000001")])
        #expect(PlanLog(path: whole).noPlanReason == nil)
    }
}
