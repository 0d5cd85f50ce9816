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

        // `status` of the file now there names the process that still runs the plan in the file it replaced.
        let status = try await host.evlog(["status", plan, "--no-color", "--home", home])
        #expect(status.allOutput.contains("while process \(running.pid) was writing it"), "\(status.allOutput)")
        #expect(!status.allOutput.contains("interrupted"), "\(status.allOutput)")
        let json = try await host.evlog(["status", plan, "--json", "--home", home])
        let fields = try #require(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any], "\(json.stdout)")
        #expect(fields["writer_pid"] as? Int == Int(running.pid) && fields["log_replaced"] as? Bool == true, "\(json.stdout)")

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

    /// integrity18 #9: the log copied over itself and its sidecar removed or copied over itself too, so that no file
    /// at either path is locked: a second `resume` is still refused naming the running writer, and the command runs once.
    @Test(arguments: [true, false])
    func aRunningPlanWhoseLogAndSidecarWereReplacedIsNotRunTwice(sidecarRemoved: Bool) async throws {
        try #require(ProcessTable.isAvailable, "needs Linux /proc to see the command's processes")
        let home = try EvlogHome.make()
        defer { home.remove() }
        let sleeper = HostileSignalTests.uniqueSleep()
        let running = try ChildProcess([EvlogBinary.path, "run", "--home", home.path, "--no-color", "--"] + sleeper, environment: Evlog.testEnvironment())
        defer { ProcessTable.killAll(ProcessTable.running(sleeper)) }
        try #require(await Machine.waitFor(timeoutSeconds: 60) { !ProcessTable.running(sleeper).isEmpty }, "the command never started")
        let plan = try #require(home.onlyPlan())
        let log = home.path + "/plans/\(plan).evlog"
        for file in sidecarRemoved ? [log] : [log, log + ".lock"] {
            try FileManager.default.copyItem(atPath: file, toPath: file + ".x")
            #expect(rename(file + ".x", file) == 0)
        }
        if sidecarRemoved { try FileManager.default.removeItem(atPath: log + ".lock") }

        let second = try await Evlog.run(["resume", plan, "--yes", "--no-color", "--home", home.path])
        #expect(second.exitCode == 2, "\(second.allOutput)")
        #expect(second.allOutput.contains("is being run by process \(running.pid)"), "\(second.allOutput)")
        #expect(ProcessTable.running(sleeper).count == 1, "the command ran twice")
        running.send(SIGTERM)
        _ = await running.wait(timeoutSeconds: 60)
    }

    /// A's log replaced by a copy and A's lock file replaced by a hard link to live plan B's: the lock file is held
    /// (by B's writer) but records B's place, so `status` of A names nobody (it used to name B's writer).
    @Test func aLockFileBorrowedFromAnotherLivePlanNamesNoWriter() async throws {
        try #require(ProcessTable.isAvailable, "needs Linux /proc to see the command's processes")
        let home = try EvlogHome.make()
        defer { home.remove() }
        let (sleepA, sleepB) = (HostileSignalTests.uniqueSleep(), HostileSignalTests.uniqueSleep())
        defer { ProcessTable.killAll(ProcessTable.running(sleepA) + ProcessTable.running(sleepB)) }
        let a = try ChildProcess([EvlogBinary.path, "run", "--home", home.path, "--no-color", "--"] + sleepA, environment: Evlog.testEnvironment())
        try #require(await Machine.waitFor(timeoutSeconds: 60) { !ProcessTable.running(sleepA).isEmpty }, "A never started")
        let planA = try #require(home.onlyPlan())
        let b = try ChildProcess([EvlogBinary.path, "run", "--home", home.path, "--no-color", "--"] + sleepB, environment: Evlog.testEnvironment())
        try #require(await Machine.waitFor(timeoutSeconds: 60) { !ProcessTable.running(sleepB).isEmpty }, "B never started")
        let planB = try #require(home.planIDs.first { $0 != planA })
        let (logA, logB) = (home.path + "/plans/\(planA).evlog", home.path + "/plans/\(planB).evlog")
        try FileManager.default.copyItem(atPath: logA, toPath: logA + ".x")
        #expect(rename(logA + ".x", logA) == 0)
        #expect(unlink(logA + ".lock") == 0 && link(logB + ".lock", logA + ".lock") == 0)

        let status = try await Evlog.run(["status", planA, "--json", "--home", home.path], mergeStandardError: true)
        let fields = try #require(JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any], "\(status.stdout)")
        #expect(fields["writer_pid"] == nil, "B's writer (process \(b.pid)) was named for A: \(status.stdout)")
        a.send(SIGTERM)
        b.send(SIGTERM)
        _ = await a.wait(timeoutSeconds: 60)
        _ = await b.wait(timeoutSeconds: 60)
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

    /// A home an earlier evlog sealed logs in, with no record of seals seen and no mark that one was kept: its own
    /// sealed logs are adopted once, as they end, and said so; afterwards a removed record is noticed again.
    @Test func anEarlierEvlogsHomeAdoptsItsOwnSealedLogsOnceAndStaysStrictAfter() async throws {
        let (host, plan) = try await RollbackCLITests.failedPlanOfAKeyedHome()
        defer { host.home.remove() }
        let home = host.home.path
        let (record, mark) = (home + "/last-seen-seals.jsonl", home + "/seal-record-since")
        #expect(FileManager.default.fileExists(atPath: mark), "a home this evlog sealed in has no mark")
        // What an earlier evlog left: the sealed logs, neither the record nor the mark.
        try FileManager.default.removeItem(atPath: record)
        try FileManager.default.removeItem(atPath: mark)

        let resumed = try await host.evlog(["resume", plan, "--yes", "--no-color", "--home", home])
        #expect(resumed.exitCode != 2 && resumed.allOutput.contains("trusted on first use"), "\(resumed.allOutput)")
        let decisions = try String(contentsOfFile: home + "/accepted-rollbacks.jsonl", encoding: .utf8)
        #expect(decisions.contains(#""why":"adopted_on_first_use""#) && decisions.contains(plan), "\(decisions)")
        #expect(FileManager.default.fileExists(atPath: mark))

        // The record removed again, the mark kept: no second adoption.
        try FileManager.default.removeItem(atPath: record)
        let refused = try await host.evlog(["resume", plan, "--yes", "--no-color", "--home", home])
        #expect(refused.exitCode == 2 && refused.allOutput.contains("has no entry for it"), "\(refused.allOutput)")
        #expect(!refused.allOutput.contains("trusted on first use"), "\(refused.allOutput)")
    }

    /// Adoption on first use takes only logs sealed by this host's key (integrity11 #9): after `key generate --force`
    /// the home's log sealed by the old key is named and left out, never recorded as adopted.
    @Test func aLogSealedByAnotherKeyThanTheHostsIsNotAdopted() async throws {
        let (host, plan) = try await RollbackCLITests.failedPlanOfAKeyedHome()
        defer { host.home.remove() }
        let home = host.home.path
        try FileManager.default.removeItem(atPath: home + "/last-seen-seals.jsonl")
        try FileManager.default.removeItem(atPath: home + "/seal-record-since")
        #expect(try await host.evlog(["key", "generate", "--force"]).exitCode == 0)

        let resumed = try await host.evlog(["resume", plan, "--yes", "--no-color", "--home", home])
        #expect(resumed.allOutput.contains("not adopted, sealed by another key than this host's: \(plan)"), "\(resumed.allOutput)")
        #expect(!resumed.allOutput.contains("trusted on first use"), "\(resumed.allOutput)")
        let decisions = (try? String(contentsOfFile: home + "/accepted-rollbacks.jsonl", encoding: .utf8)) ?? ""
        #expect(!decisions.contains(plan), "\(decisions)")
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
