import Foundation
import Testing

/// A package evlog's install pulled in that the user has since marked manual (`apt-mark manual`) is the user's:
/// uninstall leaves it and says so, as `apt autoremove` would (truth10 F8: `uninstall yamllint` purged
/// python3-pathspec after `apt-mark manual python3-pathspec`). Real apt.
@Suite(.serialized, RealInstallLock())
struct UninstallManualMarkTests {
    @Test(.enabled(
        if: Machine.canInstallWithApt && !Machine.isInstalled("yamllint") && !Machine.isInstalled("python3-pathspec"),
        "needs root, apt-get, a reachable Debian mirror, and neither yamllint nor python3-pathspec installed"))
    func aPackageMarkedManualSinceTheInstallStays() async throws {
        let home = try EvlogHome.make()
        defer {
            home.remove()
            _ = try? ChildProcess.runBlocking(
                ["apt-get", "purge", "-y", "-q", "-o", "DPkg::Lock::Timeout=300", "yamllint", "python3-pathspec"],
                environment: Machine.aptEnvironment, mergeStandardError: true)
        }
        let installed = try await Evlog.run(["install", "--yes", "--no-color", "--home", home.path, "--method", "apt", "yamllint"])
        try #require(installed.exitCode == 0 && Machine.isInstalled("python3-pathspec"), "\(installed.allOutput)")
        let planned = try await Evlog.run(["uninstall", "--dry-run", "--no-color", "--home", home.path, "yamllint"])
        #expect(planned.stdout.contains("also removes") && planned.stdout.contains("python3-pathspec"), "before the mark: \(planned.allOutput)")

        try ChildProcess.must(["apt-mark", "manual", "python3-pathspec"])
        let removed = try await Evlog.run(["uninstall", "--yes", "--no-color", "--home", home.path, "yamllint"])
        #expect(removed.exitCode == 0, "\(removed.allOutput)")
        #expect(removed.stdout.contains("keeps python3-pathspec, which its install added and you have marked manual since"), "\(removed.allOutput)")
        #expect(!Machine.isInstalled("yamllint"))
        #expect(Machine.isInstalled("python3-pathspec"), "the package the user marked manual was removed")
    }
}
