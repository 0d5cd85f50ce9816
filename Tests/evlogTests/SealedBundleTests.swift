import Foundation
import Testing

/// A host key seals every log; a bundle of a plan verifies, replays, diagnoses and reproduces like the plan.
@Suite("sealed logs and bundles")
struct SealedBundleTests {
    typealias Host = KeyedHome

    @Test func aSealedPlanAndItsBundleVerifyReplayAndReproduceAlike() async throws {
        let host = try Host.make()
        defer { host.home.remove() }
        let generated = try await host.evlog(["key", "generate"])
        #expect(generated.exitCode == 0, "\(generated.stdout)")
        let fingerprint = try #require(generated.stdoutLines.first { $0.hasPrefix("fingerprint: ") }).dropFirst("fingerprint: ".count)

        let live = try await host.evlog(["install", "--simulate", "--yes", "--no-color", "--home", host.home.path, "ripgrep"])
        #expect(live.exitCode == 0, "\(live.stdout)")
        let plan = try #require(host.home.onlyPlan())
        let verified = try await host.evlog(["verify", host.home.path + "/plans/\(plan).evlog"])
        #expect(verified.exitCode == 0)
        #expect(verified.stdoutLines.last?.hasPrefix("sealed by \(fingerprint), records 0–") == true, "\(verified.stdout)")
        #expect(verified.stdout.contains("nothing after it"))
        let json = try await host.evlog(["verify", host.home.path + "/plans/\(plan).evlog", "--json"])
        #expect(json.stdout.contains(#""covered": true, "first_uncovered": null, "why": null, "key_checked": false"#), "\(json.stdout)")

        let bundle = host.home.path + "/host.evb"
        #expect(try await host.evlog(["bundle", plan, "-o", bundle, "--home", host.home.path]).exitCode == 0)
        let bundleVerified = try await host.evlog(["verify", bundle, "--key", host.config + "/evlog/host.pub"])
        #expect(bundleVerified.exitCode == 0, "\(bundleVerified.stdout)")
        #expect(bundleVerified.stdout.contains("sealed by \(fingerprint)"))

        let replayOfPlan = try await host.evlog(["replay", plan, "--instant", "--no-color", "--home", host.home.path])
        let replayOfBundle = try await host.evlog(["replay", bundle, "--instant", "--no-color"])
        #expect(replayOfBundle.exitCode == 0)
        #expect(TextComparison.firstDifference(expected: replayOfPlan.stdoutLines, actual: replayOfBundle.stdoutLines) == nil)

        let elsewhere = try EvlogHome.make()
        defer { elsewhere.remove() }
        let reproduced = try await host.evlog(["reproduce", bundle, "--home", elsewhere.path])
        #expect(reproduced.exitCode == 0, "\(reproduced.stdout)")
        #expect(reproduced.stdout.contains("outputs match the original"))
    }

    @Test func aPlanResumedAfterACrashIsSealedOverBothRuns() async throws {
        let host = try Host.make()
        defer { host.home.remove() }
        #expect(try await host.evlog(["key", "generate"]).exitCode == 0)
        let crashed = try await host.evlog(
            ["install", "--simulate", "--yes", "--no-color", "--home", host.home.path, "--crash-at-event", "12", "ripgrep"])
        #expect(crashed.exitCode != 0)
        let plan = try #require(host.home.onlyPlan())
        let crashJSON = try await host.evlog(
            ["verify", host.home.path + "/plans/\(plan).evlog", "--key", host.config + "/evlog/host.pub", "--json"])
        #expect(crashJSON.stdout.contains(#""covered": false, "first_uncovered": "#), "\(crashJSON.stdout)")
        #expect(crashJSON.stdout.contains(#""key_checked": true"#), "\(crashJSON.stdout)")
        let resumed = try await host.evlog(["resume", plan, "--yes", "--home", host.home.path])
        #expect(resumed.exitCode == 0, "\(resumed.stdout)")
        let verified = try await host.evlog(["verify", host.home.path + "/plans/\(plan).evlog", "--key", host.config + "/evlog/host.pub"])
        #expect(verified.exitCode == 0, "\(verified.stdout)")
        #expect(verified.stdout.contains("nothing after it"), "\(verified.stdout)")
    }

    /// Half a key pair cannot seal: `install` refuses before its log exists, and `resume` and `bundle` add
    /// nothing unsealed to a log this host sealed before (the private key gone, host.pub left).
    @Test func halfAKeyPairRefusesBeforeAnythingIsWritten() async throws {
        let host = try Host.make()
        defer { host.home.remove() }
        #expect(try await host.evlog(["key", "generate"]).exitCode == 0)
        #expect(try await host.evlog(
            ["install", "--simulate", "--yes", "--no-color", "--home", host.home.path, "--crash-at-event", "12", "ripgrep"]).exitCode != 0)
        let plan = try #require(host.home.onlyPlan())
        let log = host.home.path + "/plans/\(plan).evlog"
        let size = try FileManager.default.attributesOfItem(atPath: log)[.size] as? Int
        try FileManager.default.removeItem(atPath: host.config + "/evlog/host.key")
        #expect(try await host.evlog(["resume", plan, "--yes", "--home", host.home.path]).exitCode == 2)
        #expect(try await host.evlog(["bundle", plan, "-o", host.home.path + "/b.evb", "--home", host.home.path]).exitCode == 2)
        #expect(try FileManager.default.attributesOfItem(atPath: log)[.size] as? Int == size)
        #expect(!FileManager.default.fileExists(atPath: host.home.path + "/b.evb"))
        #expect(try await host.evlog(["install", "--simulate", "--yes", "--home", host.home.path, "jq"]).exitCode == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: host.home.path + "/plans").filter { $0.hasSuffix(".evlog") } == ["\(plan).evlog"])
    }

    @Test func withoutAKeyLogsAreIntegrityOnlyAndAKeyIsNeverReplacedSilently() async throws {
        let host = try Host.make()
        defer { host.home.remove() }
        #expect(try await host.evlog(["key", "show"]).exitCode == 2)
        #expect(try await host.evlog(["install", "--simulate", "--yes", "--home", host.home.path, "ripgrep"]).exitCode == 0)
        let plan = try #require(host.home.onlyPlan())
        let verified = try await host.evlog(["verify", host.home.path + "/plans/\(plan).evlog"])
        #expect(verified.exitCode == 0)
        #expect(verified.stdoutLines.last == "not sealed: integrity only")

        #expect(try await host.evlog(["key", "generate"]).exitCode == 0)
        let again = try await host.evlog(["key", "generate"])
        #expect(again.exitCode == 2)
        #expect(again.stdout.hasPrefix("evlog: a host key already exists"))
        let expecting = try await host.evlog(["verify", host.home.path + "/plans/\(plan).evlog", "--key", host.config + "/evlog/host.pub"])
        #expect(expecting.exitCode == 1, "a key was expected and the log has no seal")
    }

    @Test func aDirectoryOfBundlesSummarisesTheFleetByFailureKind() async throws {
        let host = try Host.make()
        defer { host.home.remove() }
        #expect(try await host.evlog(["key", "generate"]).exitCode == 0)
        let bundles = host.home.path + "/bundles"
        try FileManager.default.createDirectory(atPath: bundles, withIntermediateDirectories: true)
        // A host named `index` (integrity11 #10): its report must not replace the fleet page written into the directory.
        for (name, simulate) in [("index", "--simulate"), ("web2", "--simulate=dpkg-interrupted")] {
            let home = host.home.path + "/" + name
            _ = try await host.evlog(["install", simulate, "--yes", "--home", home, "ripgrep"])
            let plan = try #require(EvlogHome(path: home).onlyPlan())
            #expect(try await host.evlog(["bundle", plan, "-o", bundles + "/\(name).evb", "--home", home]).exitCode == 0)
        }
        let summary = try await host.evlog(["diagnose", bundles, "--summary", "--json"])
        #expect(summary.exitCode == 0)
        #expect(summary.stdout.contains(#""by_kind":{"dpkg-interrupted":1}"#), "\(summary.stdout)")

        // As the README shows it: the fleet page redirected into the bundles' directory (values as positional parameters).
        let written = try await ChildProcess.run(
            ["sh", "-c", #"exec "$0" export --fleet-html "$1" > "$1/index.html""#, EvlogBinary.path, bundles], environment: host.environment)
        #expect(written.exitCode == 0, "\(written.stdout)")
        let page = try String(contentsOfFile: bundles + "/index.html", encoding: .utf8)
        // Both plans were simulated: the page groups neither as done or failed, nor counts ripgrep installed (integrity20 #6;
        // the grouping by failure kind of hosts that ran is FleetKeyringTests' and FleetPageTests').
        #expect(page.contains("<h2>Simulated (2 of 2 hosts): nothing installed</h2>"), "\(page.prefix(600))")
        #expect(page.contains(">failed, simulated</td>") && page.contains(">done, simulated</td>"), "\(page)")
        #expect(!page.contains("<h2>Failed: "), "\(page)")
        #expect(page.contains("<li>ripgrep: installed on 0 of 2 hosts</li>"), "\(page)")
        #expect(page.contains("<a href=\"index.evb.html\">index</a>"))
        #expect(FileManager.default.fileExists(atPath: bundles + "/web2.evb.html"), "each host's report is written next to its bundle")
        #expect(FileManager.default.fileExists(atPath: bundles + "/index.evb.html"))

        // With a keyring beside the bundles, the summary counts a bundle only as its host's (integrity16 #10): the
        // keyring holds no key for web2, so its failure is named apart, as the fleet page does.
        try FileManager.default.createDirectory(atPath: bundles + "/keys", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: host.config + "/evlog/host.pub", toPath: bundles + "/keys/index.pub")
        let keyed = try await host.evlog(["diagnose", bundles, "--summary", "--json"])
        #expect(keyed.stdout.contains(#""by_kind":{}"#) && keyed.stdout.contains("web2.evb") && keyed.stdout.contains("no key for host web2"), "\(keyed.stdout)")
    }
}
