import Foundation
import Testing

/// `--simulate` for every plan a user can make: batches from recorded parts, synthetic plans on any
/// profile, and `--fault` from the command line (../shared/acceptance/sim-every-plan).
@Suite("simulation modes")
struct SimulationModesTests {
    static func install(_ home: EvlogHome, _ arguments: [String]) async throws -> ChildOutcome {
        try await Evlog.run(["install", "--yes", "--no-color", "--home", home.path] + arguments, mergeStandardError: true)
    }

    /// `evlog serve --simulate=SET` for a set that is nowhere refuses at start with `install`'s own one-line
    /// error, exit 2 (serve16 #10: it served a page whose Run could never work).
    @Test(arguments: ["nosuchset", "no-such-set-2", "../nowhere/set"])
    func serveRefusesAMissingFixtureSetAtStartAsInstallDoes(set: String) async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        let serve = try await Evlog.run(["serve", "--home", home.path, "--simulate=\(set)"], mergeStandardError: true, timeoutSeconds: 60)
        let install = try await SimulationModesTests.install(home, ["--simulate=\(set)", "ripgrep"])
        #expect(serve.exitCode == 2 && install.exitCode == 2, "\(serve.stdout)")
        let said = serve.stdout.trimmingCharacters(in: .newlines)
        #expect(!said.contains("\n") && said.contains("no fixture set '\(set)'"), "\(said)")
        #expect(install.stdout.contains(said), "install says \(install.stdout)")
    }

    @Test func aBatchOfRecordedToolsInstallsFromItsPartsRecordings() async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        let outcome = try await SimulationModesTests.install(home, ["--simulate", "ripgrep", "fd", "bat"])
        #expect(outcome.exitCode == 0, "\(outcome.stdout)")
        #expect(outcome.stdout.contains("output composed from 3 recordings"), "\(outcome.stdout)")
    }

    @Test func aSyntheticPlanOfFiveToolsOnAServerRunsThroughItsPauseToDone() async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        let outcome = try await SimulationModesTests.install(
            home, ["--simulate=synthetic", "--profile", "ubuntu-server", "kubectl", "terraform", "docker", "gh", "ripgrep"])
        #expect(outcome.exitCode == 0, "\(outcome.stdout)")
        #expect(outcome.stdout.contains("simulated (synthetic): every command succeeds with empty output"))
        #expect(outcome.stdout.contains("evlog: simulated: the restart happens at once"))
        let plan = try #require(home.onlyPlan())
        #expect(try await home.status(plan)["status"] as? String == "done")
    }

    @Test func aFaultWithAKindEndsFailedWithThatKindAndItsRemediations() async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        let outcome = try await SimulationModesTests.install(
            home, ["--simulate=synthetic", "--profile", "ubuntu-server", "--fault", "verify-ripgrep=fail:network-unreachable", "ripgrep"])
        #expect(outcome.exitCode == 1, "\(outcome.stdout)")
        #expect(outcome.stdout.contains("why: network-unreachable"), "\(outcome.stdout)")
        #expect(outcome.stdout.contains("(check-network, low risk)"), "\(outcome.stdout)")
        let plan = try #require(home.onlyPlan())
        let diagnosis = try await Evlog.run(["diagnose", plan, "--home", home.path, "--no-color"])
        #expect(diagnosis.stdout.contains("network-unreachable"), "diagnosis from the log: \(diagnosis.stdout)")
    }

    @Test(arguments: [
        (["--simulate=synthetic", "--fault", "nope=hang", "ripgrep"], "the plan has no such step"),
        (["--simulate=synthetic", "--fault", "verify-ripgrep=fail:bogus", "ripgrep"], "'bogus' is not a failure kind"),
        (["--fault", "verify-ripgrep=hang", "ripgrep"], "--fault works only in a simulation"),
    ])
    func aBadFaultIsAUsageError(arguments: [String], message: String) async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        let outcome = try await SimulationModesTests.install(home, arguments)
        #expect(outcome.exitCode == 2, "\(outcome.stdout)")
        #expect(outcome.stdout.contains(message), "\(outcome.stdout)")
        #expect(home.planIDs.isEmpty, "no log is created for a refused fault")
    }
}

/// `evlog reproduce` of a plan a remediation fixed matches the original, every session of it.
@Suite("reproduce after a remediation")
struct ReproduceAfterRemediationTests {
    @Test func aRunThatRemediatedItselfReproduces() async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        let run = try await SimulationModesTests.install(home, ["--simulate=dpkg-interrupted", "--remediate", "ripgrep"])
        #expect(run.exitCode == 0, "\(run.stdout)")
        let plan = try #require(home.onlyPlan())
        let reproduced = try await Evlog.run(["reproduce", plan, "--home", home.path, "--no-color"], mergeStandardError: true)
        #expect(reproduced.exitCode == 0, "\(reproduced.stdout)")
    }

    /// A reproduction is a record of a check, not of a run: resume and remedy refuse it wherever it lies
    /// (where reproduce kept it, or copied among the plans), and the original is untouched.
    @Test func aReproductionIsNeverResumedOrRemedied() async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        #expect(try await SimulationModesTests.install(home, ["--simulate=dpkg-interrupted", "ripgrep"]).exitCode == 1)
        let plan = try #require(home.onlyPlan())
        let reproduced = try await Evlog.run(["reproduce", plan, "--home", home.path, "--no-color"], mergeStandardError: true)
        #expect(reproduced.exitCode == 0, "\(reproduced.stdout)")
        let kept = try #require(reproduced.stdoutLines.last { $0.hasPrefix("log: ") }.map { String($0.dropFirst(5)) })
        let reproductionID = String(kept.split(separator: "/").last?.dropLast(".evlog".count) ?? "")
        let shown = try await Evlog.run(["status", reproductionID, "--no-color", "--home", home.path])
        #expect(shown.exitCode == 1 && shown.stdout.contains("plan \(plan)"), "the id `list --all` shows reads it: \(shown.allOutput)")
        // Said to be a reproduction of the plan, never offered for `resume` (repro12 F3).
        #expect(shown.stdout.contains("reproduction \(reproductionID) of plan \(plan)") && !shown.stdout.contains("evlog resume"), "\(shown.stdout)")
        let shownJSON = try await Evlog.run(["status", reproductionID, "--json", "--home", home.path])
        #expect(shownJSON.stdout.contains(#""reproduction_of":"\#(plan)""#) && shownJSON.stdout.contains(#""plan":"\#(reproductionID)""#), "\(shownJSON.stdout)")
        let copied = home.path + "/plans/p-0000000000aa.evlog"
        try FileManager.default.copyItem(atPath: kept, toPath: copied)
        for log in [kept, copied, "p-0000000000aa"] {
            for command in [["resume", log, "--yes"], ["remedy", log, "dpkg-configure-retry", "--yes"]] {
                let refused = try await Evlog.run(command + ["--no-color", "--home", home.path])
                #expect(refused.exitCode == 2, "\(command): \(refused.allOutput)")
                #expect(refused.stderr.contains("is a reproduction of plan \(plan)") && refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
            }
        }
        let original = try await Evlog.run(["status", plan, "--json", "--home", home.path])
        #expect(original.stdout.contains(#""status":"failed""#), "\(original.stdout)")
    }

    /// A run that remediated itself by retrying the failed step as it was (`redownload`: no new steps, no
    /// changed step) reproduces: the retry is that remediation, not a new process.
    @Test(arguments: ["apt-packages=fail:corrupt-download", "apt-packages=fail:checksum-mismatch", "release-helm=fail:checksum-mismatch"])
    func aRunThatRetriedAsARemediationReproduces(_ fault: String) async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        let run = try await SimulationModesTests.install(home, ["--simulate=synthetic", "--remediate", "--fault", fault, "helm", "jq"])
        #expect(run.stdout.contains("redownload"), "\(run.stdout)")
        let reproduced = try await Evlog.run(["reproduce", "--check", "--no-color", try #require(home.onlyPlan()), "--home", home.path], mergeStandardError: true)
        #expect(reproduced.exitCode == 0, "\(reproduced.stdout)")
    }

    /// A step asks for a session restart while another still runs, and the run goes on acknowledged: the
    /// running step finishes in the paused session, and both sessions reproduce, wherever the seed puts the pause.
    @Test(arguments: 1...4 as ClosedRange<Int>)
    func aPauseWithAStepStillRunningReproduces(seed: Int) async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        let run = try await SimulationModesTests.install(home, ["--simulate=synthetic", "--profile", "ubuntu-desktop", "--seed", "\(seed)", "docker"])
        #expect(run.exitCode == 0 && run.stdout.contains("paused"), "\(run.stdout)")
        let reproduced = try await Evlog.run(["reproduce", "--check", "--no-color", try #require(home.onlyPlan()), "--home", home.path], mergeStandardError: true)
        #expect(reproduced.exitCode == 0 && reproduced.stdout.contains("(2 sessions)"), "\(reproduced.stdout)")
    }

    @Test func aPlanFixedByALaterRemedyReproducesEverySession() async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        #expect(try await SimulationModesTests.install(home, ["--simulate=dpkg-interrupted", "ripgrep"]).exitCode == 1)
        let plan = try #require(home.onlyPlan())
        let retried = try await Evlog.run(["resume", plan, "--yes", "--no-color", "--home", home.path], mergeStandardError: true)
        #expect(retried.exitCode == 1, "a retry without the fix fails again: \(retried.stdout)")
        let remedied = try await Evlog.run(["remedy", plan, "dpkg-configure-retry", "--yes", "--no-color", "--home", home.path], mergeStandardError: true)
        #expect(remedied.exitCode == 0, "the fix, run by a later process, holds: \(remedied.stdout)")
        let reproduced = try await Evlog.run(["reproduce", plan, "--home", home.path, "--no-color"], mergeStandardError: true)
        #expect(reproduced.exitCode == 0, "\(reproduced.stdout)")
        // The failed run, the retry and the remedy: three sessions, kept apart from the plans.
        #expect(reproduced.stdout.contains("(3 sessions)"), "\(reproduced.stdout)")
        #expect(home.planIDs == [plan], "a reproduction is not one of the user's plans")
        let listed = try await Evlog.run(["list", "--all", "--no-color", "--home", home.path])
        #expect(listed.stdout.contains("reproduction of \(plan)"), "\(listed.stdout)")
    }
}
