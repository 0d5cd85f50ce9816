import Foundation
import Testing

/// A tool evlog installed and the user then removed by hand (`apt-get purge`) is not "upgraded": a bare upgrade
/// leaves it out with a note saying how to put it back, and naming only it is refused (exit 1), never a plan done
/// for a tool that is not there (truth10 F7). Real apt.
@Suite(.serialized, RealInstallLock())
struct UpgradeRemovedToolTests {
    @Test(.enabled(if: Machine.canInstallWithApt, "needs root, apt-get and a reachable Debian mirror"))
    func aToolRemovedOutsideEvlogIsNotUpgraded() async throws {
        let wasInstalled = Machine.isInstalled("tree")
        defer { if wasInstalled { try? Machine.aptInstall("tree") } else { try? Machine.aptRemove("tree") } }
        try Machine.aptRemove("tree")
        let home = try EvlogHome.make()
        defer { home.remove() }
        let installed = try await Evlog.run(["install", "--yes", "--no-color", "--home", home.path, "tree"])
        try #require(installed.exitCode == 0 && Machine.isInstalled("tree"), "\(installed.allOutput)")
        try ChildProcess.must(["apt-get", "purge", "-y", "-q", "-o", "DPkg::Lock::Timeout=300", "tree"], environment: Machine.aptEnvironment)

        let named = try await Evlog.run(["upgrade", "--yes", "--no-color", "--home", home.path, "tree"])
        #expect(named.exitCode == 1, "\(named.allOutput)")
        #expect(named.allOutput.contains("no longer installed (removed outside evlog)") && named.allOutput.contains("evlog install --method apt tree"),
                "\(named.allOutput)")
        #expect(!Machine.isInstalled("tree"))
        let bare = try await Evlog.run(["upgrade", "--dry-run", "--no-color", "--home", home.path])
        #expect(bare.exitCode == 1 && bare.allOutput.contains("no longer installed"), "\(bare.allOutput)")
    }
}
