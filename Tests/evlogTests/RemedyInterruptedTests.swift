import Foundation
import Testing

/// integrity13 #6: `remedy` of a crashed plan said "no failed step to remedy (status: running)", where `status` says
/// interrupted: it now says the plan was interrupted and names `evlog resume`, listing and applying alike.
struct RemedyInterruptedTests {
    @Test(arguments: [[], ["retry"]])
    func remedyOfACrashedPlanNamesResume(remediation: [String]) async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        var environment = Evlog.testEnvironment()
        environment["XDG_CONFIG_HOME"] = home.path + "/config"
        let crashed = try await Evlog.run(["install", "--simulate", "--yes", "--no-color", "--home", home.path, "--crash-at-event", "20", "ripgrep"],
                                          environment: environment)
        #expect(crashed.exitCode != 0)
        let plan = try #require(home.onlyPlan())
        let remedy = try await Evlog.run(["remedy", plan] + remediation + ["--yes", "--no-color", "--home", home.path], environment: environment)
        #expect(remedy.exitCode == 2, "\(remedy.allOutput)")
        #expect(remedy.allOutput.contains("it was interrupted (its writer stopped without ending it); continue it with `evlog resume \(plan)`"),
                "\(remedy.allOutput)")
        #expect(!remedy.allOutput.contains("status: running"), "\(remedy.allOutput)")
    }
}
