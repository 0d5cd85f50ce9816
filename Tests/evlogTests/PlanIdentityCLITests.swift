import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One writer per plan by its name, a record of every seal a writer makes, and no silent trust (integrity round 9,
/// N1–N4), with real processes: a copy renamed over a running plan's log lets no second `resume` in; a log cut back
/// to before a crash is not resumed; a home whose record of seals seen was removed says so and offers
/// `verify --accept-rollback`; a log with other names is not appended to.
@Suite("plan identity", .serialized)
struct PlanIdentityCLITests {
    @Test func aCopyRenamedOverARunningPlansLogLetsNoSecondResumeIn() async throws {
        try #require(ProcessTable.isAvailable, "needs Linux /proc to see the command's processes")
        let host = try KeyedHome.make()
        defer { host.home.remove() }
        #expect(try await host.evlog(["key", "generate"]).exitCode == 0)
        let home = host.home.path
        let sleeper = HostileSignalTests.uniqueSleep()
        let running = try ChildProcess([EvlogBinary.path, "run", "--home", home, "--no-color", "--"] + sleeper, environment: host.environment)
        defer { ProcessTable.killAll(ProcessTable.running(sleeper)) }
        try #require(await Machine.waitFor(timeoutSeconds: 60) { !ProcessTable.running(sleeper).isEmpty }, "the command never started")
        let plan = try #require(host.home.onlyPlan())
        let log = home + "/plans/\(plan).evlog"
        // What a backup or sync tool does: `cp -p P P.x; mv P.x P`.
        try FileManager.default.copyItem(atPath: log, toPath: log + ".x")
        #expect(rename(log + ".x", log) == 0)

        let second = try await host.evlog(["resume", plan, "--yes", "--no-color", "--home", home])
        #expect(second.exitCode == 2, "\(second.allOutput)")
        #expect(second.allOutput.contains("is being run by process \(running.pid)"), "\(second.allOutput)")
        #expect(ProcessTable.running(sleeper).count == 1, "the command ran twice")

        running.send(SIGTERM)
        let first = await running.wait(timeoutSeconds: 60)
        #expect(first.stderr.contains("was replaced while this writer appended to it"), "\(first.stderr)")
        // SIGTERM stopped it: the signal wins over the replaced log, as for every interrupted plan.
        #expect(first.exitCode == 130, "\(first.exitCode) \(first.stderr)")
    }

    @Test func aLogCutBackToBeforeACrashIsNotResumed() async throws {
        let host = try KeyedHome.make()
        defer { host.home.remove() }
        #expect(try await host.evlog(["key", "generate"]).exitCode == 0)
        let home = host.home.path
        _ = try await host.evlog(["install", "--simulate", "--yes", "--home", home, "--crash-at-event", "15", "ripgrep", "jq"])
        let plan = try #require(host.home.onlyPlan())
        let log = home + "/plans/\(plan).evlog"
        let older = home + "/older-copy"
        try FileManager.default.copyItem(atPath: log, toPath: older)
        // Killed again (kill -9) further on: no writer closed the log, yet its seals are recorded.
        _ = try await host.evlog(["resume", plan, "--yes", "--home", home, "--crash-at-event", "15"])
        try FileManager.default.removeItem(atPath: log)
        try FileManager.default.copyItem(atPath: older, toPath: log)

        let refused = try await host.evlog(["resume", plan, "--yes", "--home", home])
        #expect(refused.exitCode == 2 && refused.allOutput.contains("cut back"), "\(refused.allOutput)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: log)) == Data(contentsOf: URL(fileURLWithPath: older)))
    }

    @Test func aRemovedRecordOfSealsSeenIsNoticedAndTheDecisionToTrustALogIsRecorded() async throws {
        let (host, plan) = try await RollbackCLITests.failedPlanOfAKeyedHome()
        defer { host.home.remove() }
        let home = host.home.path
        let log = home + "/plans/\(plan).evlog"
        let record = home + "/last-seen-seals.jsonl"
        try FileManager.default.removeItem(atPath: record)

        let refused = try await host.evlog(["resume", plan, "--yes", "--no-color", "--home", home])
        #expect(refused.exitCode == 2 && refused.allOutput.contains("has no entry for it"), "\(refused.allOutput)")
        #expect(refused.allOutput.contains("--accept-rollback") && !refused.allOutput.contains("remove it"), "\(refused.allOutput)")
        let verified = try await host.evlog(["verify", log, "--key", host.publicKey, "--home", home, "--json"])
        #expect(verified.exitCode == 1 && verified.stdout.contains(#""why": "unrecorded""#), "\(verified.stdout)")

        let accepted = try await host.evlog(["verify", log, "--key", host.publicKey, "--home", home, "--accept-rollback"])
        #expect(accepted.exitCode == 0, "\(accepted.allOutput)")
        let decisions = try String(contentsOfFile: home + "/accepted-rollbacks.jsonl", encoding: .utf8)
        #expect(decisions.contains(#""why":"unrecorded""#), "\(decisions)")
        let resumed = try await host.evlog(["resume", plan, "--yes", "--no-color", "--home", home])
        #expect(resumed.exitCode != 2, "\(resumed.allOutput)")

        try Data("not a line of seals\n".utf8).write(to: URL(fileURLWithPath: record))
        let unreadable = try await host.evlog(["resume", plan, "--yes", "--no-color", "--home", home])
        #expect(unreadable.exitCode == 2 && !unreadable.allOutput.contains("remove it to start"), "exit \(unreadable.exitCode): \(unreadable.allOutput)")
    }

    @Test func aPlansLogHardLinkedToABundleIsNotAppendedTo() async throws {
        let (host, plan) = try await RollbackCLITests.failedPlanOfAKeyedHome()
        defer { host.home.remove() }
        let home = host.home.path
        let log = home + "/plans/\(plan).evlog"
        try FileManager.default.linkItem(atPath: log, toPath: home + "/kept.evb")
        let before = try Data(contentsOf: URL(fileURLWithPath: log))
        for arguments in [["resume", plan], ["remedy", plan, "dpkg-configure-retry"]] {
            let refused = try await host.evlog(arguments + ["--yes", "--no-color", "--home", home])
            #expect(refused.exitCode == 2 && refused.allOutput.contains("hard links"), "\(arguments[0]): \(refused.allOutput)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: home + "/kept.evb")) == before)
    }
}
