import Foundation
import Testing

/// One writer per plan, and sealed logs through `export --jsonl` and `import`.
@Suite("one writer per plan")
struct WriterExclusionTests {
    /// Two `resume`s of a crashed plan started together: the plan runs once (one `plan_resumed`), and
    /// the one refused exits 2 naming the process that runs it. Eight trials, as races need several.
    @Test func twoResumesStartedTogetherRunThePlanOnce() async throws {
        let host = try SealedBundleTests.Host.make()
        defer { host.home.remove() }
        #expect(try await host.evlog(["key", "generate"]).exitCode == 0)
        for trial in 1...8 {
            let home = host.home.path + "/trial-\(trial)"
            _ = try await host.evlog(["install", "--simulate", "--yes", "--no-color", "--home", home, "--crash-at-event", "20", "ripgrep", "jq"])
            let plans = try FileManager.default.contentsOfDirectory(atPath: home + "/plans").filter { $0.hasSuffix(".evlog") }
            let plan = String(try #require(plans.first).dropLast(".evlog".count))
            async let first = host.evlog(["resume", plan, "--yes", "--no-color", "--home", home])
            async let second = host.evlog(["resume", plan, "--yes", "--no-color", "--home", home])
            let outcomes = try await [first, second]
            let exported = try await host.evlog(["export", plan, "--jsonl", "--home", home])
            let resumed = exported.stdoutLines.filter { $0.contains(#""type":"plan_resumed""#) }.count
            #expect(resumed == 1, "trial \(trial): \(outcomes.map(\.stdout))")
            for refused in outcomes where refused.exitCode == 2 {
                #expect(refused.stdout.contains("is being run by process "), "\(refused.stdout)")
            }
            let verified = try await host.evlog(["verify", home + "/plans/\(plan).evlog", "--key", host.config + "/evlog/host.pub"])
            #expect(verified.exitCode == 0, "\(verified.stdout)")
        }
    }

    @Test func aSealedLogSurvivesExportAndImportAndTheImportSaysWhyItIsNotSealed() async throws {
        let host = try SealedBundleTests.Host.make()
        defer { host.home.remove() }
        #expect(try await host.evlog(["key", "generate"]).exitCode == 0)
        #expect(try await host.evlog(["install", "--simulate", "--yes", "--home", host.home.path, "ripgrep"]).exitCode == 0)
        let plan = try #require(host.home.onlyPlan())
        let exported = try await host.evlog(["export", plan, "--jsonl", "--home", host.home.path])
        let file = host.home.path + "/run.jsonl"
        try exported.stdout.write(toFile: file, atomically: true, encoding: .utf8)
        let imported = try await host.evlog(["import", file, "--home", host.home.path + "/other"])
        #expect(imported.exitCode == 0, "\(imported.stdout)")
        #expect(imported.stdout.contains("seals were not kept"))
        let again = try await host.evlog(["export", plan, "--jsonl", "--home", host.home.path + "/other"])
        #expect(again.stdoutLines == exported.stdoutLines.filter { !$0.contains(#""type":"log_sealed""#) })
    }
}
