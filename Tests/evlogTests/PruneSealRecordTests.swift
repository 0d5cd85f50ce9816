import Foundation
import Testing

/// `evlog prune` keeps the removed logs' lines in the home's record of seals seen (integrity13 #1): a plan's bundles
/// outlive its log, so the newest bundle of a pruned plan still verifies in its home and an older one is still
/// rolled back (dropping the lines made every bundle fail as "unrecorded", and `--accept-rollback` take the older).
struct PruneSealRecordTests {
    @Test func bundlesOfAPrunedPlanAreStillCheckedAgainstTheRecordOfSealsSeen() async throws {
        let keyed = try KeyedHome.make()
        defer { keyed.home.remove() }
        let home = keyed.home.path
        #expect(try await keyed.evlog(["key", "generate"]).exitCode == 0)
        _ = try await keyed.evlog(["install", "--simulate=dpkg-interrupted", "--yes", "--no-color", "--home", home, "ripgrep"])
        #expect(try await keyed.evlog(["bundle", "latest", "-o", home + "/old.evb", "--home", home]).exitCode == 0)
        let remedied = try await keyed.evlog(["remedy", "latest", "dpkg-configure-retry", "--yes", "--no-color", "--home", home])
        #expect(remedied.exitCode == 0, "\(remedied.stdout)")
        #expect(try await keyed.evlog(["bundle", "latest", "-o", home + "/new.evb", "--home", home]).exitCode == 0)
        let record = try String(contentsOfFile: home + "/last-seen-seals.jsonl", encoding: .utf8)
        let pruned = try await keyed.evlog(["prune", "--keep", "0", "--older-than", "0d", "--home", home])
        #expect(pruned.exitCode == 0 && keyed.home.planIDs.isEmpty, "\(pruned.stdout)")
        #expect(try String(contentsOfFile: home + "/last-seen-seals.jsonl", encoding: .utf8) == record, "the record is as it was")

        let newest = try await keyed.evlog(["verify", home + "/new.evb", "--key", keyed.publicKey, "--home", home])
        #expect(newest.exitCode == 0, "\(newest.stdout)")
        let older = try await keyed.evlog(["verify", home + "/old.evb", "--key", keyed.publicKey, "--home", home, "--json"])
        #expect(older.exitCode == 1 && older.stdout.contains(#""why": "rolled_back""#), "\(older.stdout)")
    }
}
