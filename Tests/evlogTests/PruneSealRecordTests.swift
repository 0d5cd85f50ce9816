import Foundation
import Testing

/// `evlog prune` drops the removed logs' lines from the home's record of seals seen (integrity10 finding 15): the
/// record stays as small as the logs kept, and the kept log still verifies against it.
struct PruneSealRecordTests {
    /// The distinct `"log"` values of the record's lines.
    static func logsRecorded(_ record: String) -> Set<Substring> {
        let text = (try? String(contentsOfFile: record, encoding: .utf8)) ?? ""
        return Set(text.split(separator: "\n").compactMap { line in
            line.range(of: #""log":""#).map { line[$0.upperBound...].prefix { $0 != "\"" } }
        })
    }

    @Test func pruneDropsTheRemovedLogsFromTheRecordOfSealsSeen() async throws {
        let keyed = try KeyedHome.make()
        defer { keyed.home.remove() }
        #expect(try await keyed.evlog(["key", "generate"]).exitCode == 0)
        for _ in 0..<2 { #expect(try await keyed.evlog(["run", "--home", keyed.home.path, "--", "true"]).exitCode == 0) }
        let record = keyed.home.path + "/last-seen-seals.jsonl"
        #expect(Self.logsRecorded(record).count == 2)
        let ids = keyed.home.planIDs
        let old = keyed.home.path + "/plans/" + ids[0] + ".evlog"
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -40 * 86400)], ofItemAtPath: old)
        let pruned = try await keyed.evlog(["prune", "--older-than", "30d", "--home", keyed.home.path])
        #expect(pruned.exitCode == 0 && keyed.home.planIDs == [ids[1]], "\(pruned.stdout)")
        #expect(Self.logsRecorded(record).count == 1)
        let kept = keyed.home.path + "/plans/" + ids[1] + ".evlog"
        let verified = try await keyed.evlog(["verify", kept, "--key", keyed.publicKey, "--home", keyed.home.path])
        #expect(verified.exitCode == 0, "\(verified.stdout)")
    }
}
