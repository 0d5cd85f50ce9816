import Foundation
import Testing

/// A tool only a simulation installed, and that this machine does not have: `uninstall` says there is none here,
/// not that it "leaves this system's" copy alone (truth12 F18). Plans nothing real.
struct SimulatedOnlyToolTests {
    @Test(.enabled(if: ChildProcess.lookUp("rg") == nil, "needs a machine without ripgrep"))
    func aSimulatedToolThatIsNowhereIsSaidToBeNowhere() async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        let simulated = try await Evlog.run(["install", "--simulate", "--yes", "--no-color", "--home", home.path, "ripgrep"])
        try #require(simulated.exitCode == 0, "\(simulated.allOutput)")
        let uninstall = try await Evlog.run(["uninstall", "--dry-run", "--no-color", "--home", home.path, "ripgrep"])
        #expect(uninstall.exitCode == 1, "\(uninstall.allOutput)")
        #expect(uninstall.allOutput.contains("and there is none on this machine") && !uninstall.allOutput.contains("leaves this system's"),
                "\(uninstall.allOutput)")
    }
}
