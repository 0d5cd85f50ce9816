import Foundation
import Testing

/// A second file of one plan in the home's `plans/` (a copy named for another plan) is not resumed, so two
/// resumes of the two files cannot both run the plan; the plan's own log still resumes (integrity10 finding 11:
/// without a host key both ran every step).
struct PlanCopyInPlansTests {
    @Test func aCopyOfAPlansLogInPlansIsNotResumed() async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        var environment = Evlog.testEnvironment()
        environment["XDG_CONFIG_HOME"] = home.path + "/config"  // no host key: nothing is sealed
        let crashed = try await Evlog.run(["install", "--simulate", "--yes", "--no-color", "--home", home.path, "--crash-at-event", "20", "ripgrep", "jq"],
                                          environment: environment)
        #expect(crashed.exitCode != 0)
        let plan = try #require(home.onlyPlan())
        let copy = home.path + "/plans/p-copy00000001.evlog"
        try FileManager.default.copyItem(atPath: home.path + "/plans/\(plan).evlog", toPath: copy)

        let refused = try await Evlog.run(["resume", "p-copy00000001", "--yes", "--no-color", "--home", home.path], environment: environment)
        #expect(refused.exitCode == 2, "\(refused.allOutput)")
        #expect(refused.allOutput.contains("holds plan \(plan) but is named for another") && refused.allOutput.contains("nothing was run"),
                "\(refused.allOutput)")
        #expect(!refused.allOutput.contains("$ apt-get"), "the copy ran: \(refused.allOutput)")

        let resumed = try await Evlog.run(["resume", plan, "--yes", "--no-color", "--home", home.path], environment: environment)
        #expect(resumed.exitCode == 0, "\(resumed.allOutput)")
    }

    /// A home with a host key (`<keyed>/a`) whose one plan `install` (arguments after `--home A`) left unfinished.
    static func keyedHome(install: [String]) async throws -> (keyed: KeyedHome, home: String) {
        let keyed = try KeyedHome.make()
        #expect(try await keyed.evlog(["key", "generate"]).exitCode == 0)
        let home = keyed.home.path + "/a"
        let ran = try await keyed.evlog(["install", "--yes", "--no-color", "--home", home] + install)
        #expect(ran.exitCode != 0, "\(ran.stdout)")
        return (keyed, home)
    }

    /// integrity13 #12, integrity16 #8: a sealed log copied into another home's `plans/` (same user, so the same host
    /// key) is that other home's plan, crashed (its last seal not final) or failed (closed): refused there, whatever its
    /// seals, and continued in the home that created it.
    @Test(arguments: [["--simulate", "--crash-at-event", "20", "ripgrep"], ["--simulate=dpkg-interrupted", "ripgrep"]])
    func aLogOfAnotherHomeCopiedIntoPlansIsNotResumedThere(install: [String]) async throws {
        let (keyed, homeA) = try await Self.keyedHome(install: install)
        defer { keyed.home.remove() }
        let homeB = keyed.home.path + "/b"
        #expect(try await keyed.evlog(["run", "--home", homeB, "--", "true"]).exitCode == 0)
        let log = try #require(try FileManager.default.contentsOfDirectory(atPath: homeA + "/plans").first { $0.hasSuffix(".evlog") })
        try FileManager.default.copyItem(atPath: homeA + "/plans/" + log, toPath: homeB + "/plans/" + log)

        let refused = try await keyed.evlog(["resume", String(log.dropLast(6)), "--yes", "--no-color", "--home", homeB])
        #expect(refused.exitCode == 2, "\(refused.stdout)")
        #expect(refused.stdout.contains("one plan has one writer, in the home that created it") && refused.stdout.contains("nothing was run"),
                "\(refused.stdout)")
        #expect(!refused.stdout.contains("$ apt-get") && !refused.stdout.contains("$ dpkg"), "the copy ran: \(refused.stdout)")
        let resumed = try await keyed.evlog(["resume", "latest", "--yes", "--no-color", "--home", homeA])
        #expect(resumed.exitCode != 2, "\(resumed.stdout)")
    }

    /// integrity16 #2: a whole home copied (`cp -a`, a restored backup) carries its home-id; while the original is
    /// still there, the copy does not resume the original's crashed plan, and the original does (once); a plan the
    /// copy creates itself is its own.
    @Test func aWholeHomeCopiedDoesNotResumeTheOriginalsPlan() async throws {
        let (keyed, original) = try await Self.keyedHome(install: ["--simulate", "--crash-at-event", "20", "ripgrep"])
        defer { keyed.home.remove() }
        let copy = keyed.home.path + "/c"
        try FileManager.default.copyItem(atPath: original, toPath: copy)

        let refused = try await keyed.evlog(["resume", "latest", "--yes", "--no-color", "--home", copy])
        #expect(refused.exitCode == 2 && refused.stdout.contains("is a copy of the home") && refused.stdout.contains("nothing was run"),
                "\(refused.stdout)")
        let resumed = try await keyed.evlog(["resume", "latest", "--yes", "--no-color", "--home", original])
        #expect(resumed.exitCode == 0, "\(resumed.stdout)")

        let own = try await keyed.evlog(["install", "--simulate", "--yes", "--no-color", "--home", copy, "--crash-at-event", "20", "--seed", "5", "ripgrep"])
        #expect(own.exitCode != 0)
        let ownResumed = try await keyed.evlog(["resume", "latest", "--yes", "--no-color", "--home", copy])
        #expect(ownResumed.exitCode == 0, "a plan the copy created is its own: \(ownResumed.stdout)")
    }
}
