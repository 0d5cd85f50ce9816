import Foundation
import Testing

/// Rollback (FORMAT.md §9.6) through the CLI: a plan bundled after its first run, then remedied and bundled
/// again — the first bundle verifies until the second was seen, then it is an older copy presented as current.
@Suite("rolled-back logs")
struct RollbackCLITests {
    /// A home with a host key and one failed (closed, sealed) simulated plan that `remedy dpkg-configure-retry` fixes.
    static func failedPlanOfAKeyedHome() async throws -> (KeyedHome, String) {
        let host = try KeyedHome.make()
        #expect(try await host.evlog(["key", "generate"]).exitCode == 0)
        _ = try await host.evlog(["install", "--simulate=dpkg-interrupted", "--yes", "--no-color", "--home", host.home.path, "ripgrep"])
        return (host, try #require(host.home.onlyPlan()))
    }

    @Test func anOlderBundleFailsOnceALaterOneOfItsPlanWasSeen() async throws {
        let (host, plan) = try await Self.failedPlanOfAKeyedHome()
        defer { host.home.remove() }
        let home = host.home.path
        let older = home + "/older.evb"
        let newer = home + "/newer.evb"
        #expect(try await host.evlog(["bundle", plan, "-o", older, "--home", home]).exitCode == 0)
        let remedied = try await host.evlog(["remedy", plan, "dpkg-configure-retry", "--yes", "--no-color", "--home", home])
        #expect(remedied.exitCode == 0, "\(remedied.stdout)")
        #expect(try await host.evlog(["bundle", plan, "-o", newer, "--home", home]).exitCode == 0)

        let ring = home + "/keys"
        try FileManager.default.createDirectory(atPath: ring, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: host.publicKey, toPath: ring + "/web1.pub")
        for bundle in [older, newer] {
            let verified = try await host.evlog(["verify", bundle, "--keyring", ring])
            #expect(verified.exitCode == 0, "seen in order: \(verified.stdout)")
        }
        let rolledBack = try await host.evlog(["verify", older, "--keyring", ring, "--json"])
        #expect(rolledBack.exitCode == 1, "\(rolledBack.stdout)")
        #expect(rolledBack.stdout.contains(#""why": "rolled_back""#), "\(rolledBack.stdout)")
        #expect(rolledBack.stdout.contains("rolled back: seen seal #"), "\(rolledBack.stdout)")
        #expect(FileManager.default.fileExists(atPath: ring + "/last-seen-seals.jsonl"))

        // With --key the record is the evlog home's: the plan's own log, seen there, goes further than the older bundle.
        let log = home + "/plans/\(plan).evlog"
        #expect(try await host.evlog(["verify", log, "--key", host.publicKey, "--home", home]).exitCode == 0)
        #expect(try await host.evlog(["verify", newer, "--key", host.publicKey, "--home", home]).exitCode == 0)
        let olderWithKey = try await host.evlog(["verify", older, "--key", host.publicKey, "--home", home])
        #expect(olderWithKey.exitCode == 1 && olderWithKey.stdout.contains("rolled back"), "\(olderWithKey.stdout)")
        #expect(FileManager.default.fileExists(atPath: home + "/last-seen-seals.jsonl"))
    }

    /// A closed plan's log replaced by an older copy of itself (cut back at an earlier seal) after the home's own
    /// writer went further (integrity attack round 8, F9): `remedy` and `resume` refuse it instead of running its
    /// steps again, with no `verify` run in between.
    @Test func aLogCutBackBelowASealSeenHereIsNotContinued() async throws {
        let (host, plan) = try await Self.failedPlanOfAKeyedHome()
        defer { host.home.remove() }
        let home = host.home.path
        let log = home + "/plans/\(plan).evlog"
        let older = home + "/older-copy"
        try FileManager.default.copyItem(atPath: log, toPath: older)
        let remedied = try await host.evlog(["remedy", plan, "dpkg-configure-retry", "--yes", "--no-color", "--home", home])
        #expect(remedied.exitCode == 0, "\(remedied.stdout)")
        // No verify ran: the writers' own records of the seals they made are what tells the copy apart.
        #expect(FileManager.default.fileExists(atPath: home + "/last-seen-seals.jsonl"))
        try FileManager.default.removeItem(atPath: log)
        try FileManager.default.copyItem(atPath: older, toPath: log)
        for arguments in [["remedy", plan, "dpkg-configure-retry"], ["resume", plan]] {
            let refused = try await host.evlog(arguments + ["--yes", "--no-color", "--home", home])
            #expect(refused.exitCode == 2 && refused.allOutput.contains("cut back"), "\(arguments[0]): \(refused.allOutput)")
            #expect(!refused.stdout.contains("dpkg --configure"), "\(arguments[0]): \(refused.stdout)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: log)) == Data(contentsOf: URL(fileURLWithPath: older)))
    }
}
