import Foundation
import Testing

extension RealInstallTests {
    @Suite("reinstall")
    struct Reinstall {
        @Test(.enabled(if: Machine.canInstallWithApt, "needs root, apt-get and a reachable Debian mirror"))
        func reinstallRunsAptWithReinstallInsteadOfSkippingTheInstalledPackage() async throws {
            try Machine.aptInstall("tree")
            let home = try EvlogHome.make()
            defer { home.remove() }
            // --remediate: another job on a shared machine may hold apt's lock; evlog then waits for it.
            let run = try await Evlog.run(
                ["install", "--yes", "--reinstall", "--remediate", "--no-color", "--home", home.path, "tree"], mergeStandardError: true)
            #expect(run.exitCode == 0, "\(run.stdout)")
            let log = try await home.export(try #require(home.onlyPlan()))
            let commands = log.events("command_started").map(\.argv)
            // The installed version again, exactly, when the archive has it (truth10 F4: a bare --reinstall upgraded).
            let version = try #require(Machine.installedVersion("tree"))
            let exact = Machine.archiveHas("tree", version) ? "tree=" + version : "tree"
            #expect(commands.contains { $0.starts(with: ["apt-get", "install", "-y", "--reinstall"]) && $0.last == exact }, "\(commands)")
            #expect(run.stdout.contains(exact == "tree" ? "tree: warning:" : "tree: --reinstall installs the installed tree \(version) again"), "\(run.stdout)")
            #expect(log.events("step_skipped").isEmpty, "a step was skipped as already installed")
            #expect(Machine.isInstalled("tree") && Machine.installedVersion("tree") == version)
        }
    }
}
