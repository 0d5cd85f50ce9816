import Foundation
import Testing

/// `evlog remedy <plan> --json` lists the failed steps and their remediations as JSON, like every other `--json`
/// (trust9 N3: it printed the text listing).
struct RemedyJSONTests {
    @Test func theListingIsJSON() async throws {
        let host = try KeyedHome.make(mergeStandardError: false, noColor: true)
        defer { host.home.remove() }
        let plan = try await host.failedPlan()
        let listed = try await host.evlog(["remedy", plan, "--json", "--home", host.home.path])
        #expect(listed.exitCode == 0, "\(listed.allOutput)")
        let steps = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]], "\(listed.stdout)")
        #expect(steps.first?["step"] as? String == "verify-ripgrep" && steps.first?["remediations"] is [Any], "\(listed.stdout)")
    }
}

/// A plan whose failed step the user skipped ends failed, and says which steps that left undone
/// (reproduce7 finding 7: "steps cannot run: " with nothing after it).
struct RemedySkipReasonTests {
    @Test(arguments: ["ripgrep", "tig", "ncdu"])
    func skippingAFailedStepNamesWhatItLeftUndone(tool: String) async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        _ = try await Evlog.run(["install", "--simulate", "--yes", "--home", home.path, "--fault", "apt-packages=fail", tool])
        let skipped = try await Evlog.run(["remedy", "latest", "skip", "--yes", "--no-color", "--home", home.path])
        #expect(skipped.exitCode == 1, "\(skipped.allOutput)")
        #expect(skipped.stdout.contains("skipped, as a step they need did not run: verify-\(tool)"), "\(skipped.allOutput)")
    }
}
