import Foundation
import Testing

/// `uninstall` removes what evlog installed: a tool no plan in the home installed is refused (exit 1) unless
/// `--force`, which removes exactly the package holding it with no "its install added" extras, and an essential
/// package is never removed (trust9 N4/N12, truth9 F10: `uninstall jq` planned `purge jq libjq1 libonig5`
/// "which its install added" with no install, `uninstall bash` planned to purge bash). Dry runs only.
@Suite struct UninstallNotEvlogsTests {
    static let hasApt = ["dpkg-query", "apt-get"].allSatisfy { FileManager.default.isExecutableFile(atPath: "/usr/bin/" + $0) }

    /// Whether dpkg says `package` is installed (the machine's own, here: the test installs nothing).
    static func dpkgHas(_ package: String) -> Bool {
        (try? ChildProcess.runBlocking(["/usr/bin/dpkg-query", "-W", "-f=${Status}", package]))?.stdout.contains("install ok installed") == true
    }

    @Test(.enabled(if: hasApt && dpkgHas("git"), "needs dpkg's git (the clone's) and apt-get"))
    func aToolNoPlanInstalledIsRefusedAndForceRemovesOnlyItsPackage() async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        let refused = try await Evlog.run(["uninstall", "--dry-run", "--no-color", "--home", home.path, "git"])
        #expect(refused.exitCode == 1 && refused.stderr.contains("not installed by evlog") && refused.stderr.contains("--force"), "\(refused.allOutput)")
        #expect(!refused.stdout.contains("remove-git"), "\(refused.allOutput)")
        let forced = try await Evlog.run(["uninstall", "--dry-run", "--no-color", "--force", "--home", home.path, "git"])
        #expect(forced.exitCode == 0 && forced.stdout.contains("apt package git"), "\(forced.allOutput)")
        #expect(!forced.stdout.contains("which its install added"), "\(forced.allOutput)")
    }

    @Test(.enabled(if: hasApt && dpkgHas("bash"), "needs dpkg's bash and apt-get"))
    func anEssentialPackageIsNeverRemoved() async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        let refused = try await Evlog.run(["uninstall", "--dry-run", "--no-color", "--force", "--home", home.path, "bash"])
        #expect(refused.exitCode == 1 && refused.stderr.contains("essential"), "\(refused.allOutput)")
        #expect(!refused.stdout.contains("remove-bash"), "\(refused.allOutput)")
    }
}
