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
}
