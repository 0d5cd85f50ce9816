import Foundation
import Testing

/// `install --reinstall` of a package that was on the machine before evlog reinstalls it and adds nothing, so it does
/// not become evlog's: `uninstall` refuses it as the user's, never plans to purge it (truth12 F15). Real apt; the
/// package is reinstalled at the version it has, never removed.
@Suite(.serialized, RealInstallLock())
struct ReinstallOwnsNothingTests {
    @Test(.enabled(if: Machine.canInstallWithApt && Machine.isInstalled("psmisc"), "needs root, apt-get, a reachable Debian mirror and psmisc installed"))
    func aReinstalledPackageOfTheUserStaysTheUsers() async throws {
        let version = try #require(Machine.installedVersion("psmisc"))
        let home = try EvlogHome.make()
        defer { home.remove() }
        let reinstalled = try await Evlog.run(["install", "--yes", "--reinstall", "--no-color", "--home", home.path, "psmisc"])
        try #require(reinstalled.exitCode == 0, "\(reinstalled.allOutput)")
        #expect(reinstalled.allOutput.contains("apt added nothing"), "\(reinstalled.allOutput)")
        #expect(Machine.installedVersion("psmisc") == version)
        let uninstall = try await Evlog.run(["uninstall", "--dry-run", "--no-color", "--home", home.path, "psmisc"])
        #expect(uninstall.exitCode == 1 && uninstall.allOutput.contains("was on this machine before evlog"), "\(uninstall.allOutput)")
        #expect(!uninstall.allOutput.contains("remove-psmisc"), "\(uninstall.allOutput)")
    }
}
