import Foundation
import Testing

extension RealInstallTests {
    /// yamllint by apt, then again by pipx (`--method pipx`, no `--reinstall`: apt's copy is not pipx's, so it does
    /// not make pipx's "already installed"): two installs on record (#28 F4: they were tracked as one, so uninstall
    /// removed the wrong one). The second plan says so, outdated has a row for each, uninstall asks which, and
    /// removing one leaves the other.
    @Suite("one tool by two methods")
    struct TwoMethods {
        @Test(
            .enabled(if: Machine.canInstallWithApt, "needs root, apt-get and a reachable Debian mirror"),
            .enabled(if: Machine.hasPipx, "needs pipx (CI installs it with apt)"),
            .enabled(if: Machine.pypiReachable, "needs PyPI (pypi.org:443) reachable"))
        func aToolInstalledByAptAndByPipxIsTwoInstalls() async throws {
            try Machine.aptRemove("yamllint")
            let user = try ScratchUser.make(prefix: "evlog-two-methods")
            let (root, userHome, environment) = (user.root, user.home, user.environment)
            defer {
                _ = try? ChildProcess.runBlocking(["pipx", "uninstall", "yamllint"], environment: environment)
                try? Machine.aptRemove("yamllint")
                TemporaryDirectory.remove(root)
            }
            let run = { (arguments: [String]) in
                try await Evlog.run(arguments + ["--no-color", "--home", root + "/evlog"], environment: environment, mergeStandardError: true)
            }
            #expect(try await run(["install", "--yes", "--method", "apt", "yamllint"]).exitCode == 0)
            let second = try await run(["install", "--yes", "--method", "pipx", "yamllint"])
            #expect(second.exitCode == 0, "\(second.stdout)")
            #expect(second.stdout.contains("/usr/bin/yamllint (apt package yamllint)") && second.stdout.contains("but not by pipx"), "\(second.stdout)")
            #expect(FileManager.default.fileExists(atPath: userHome + "/.local/bin/yamllint"), "pipx's copy was not installed")
            #expect(second.stdout.contains("this installs a second copy as pipx package yamllint"), "\(second.stdout)")

            let outdated = try await run(["outdated", "--json", "--offline"])
            #expect(outdated.stdout.contains("\"method\":\"apt\"") && outdated.stdout.contains("\"method\":\"pipx\""), "\(outdated.stdout)")

            let ambiguous = try await run(["uninstall", "--yes", "yamllint"])
            #expect(ambiguous.exitCode == 2 && ambiguous.stdout.contains("--method pipx or --method apt"), "\(ambiguous.stdout)")
            #expect(Machine.isInstalled("yamllint") && FileManager.default.fileExists(atPath: userHome + "/.local/bin/yamllint"))

            // The pipx copy removed by hand (its venv moved away): a bare upgrade upgrades the apt copy still here, and
            // the refusal to guess which to remove says the pipx one is gone (truth12 F12). Then the venv comes back.
            let venv = try #require(
                [userHome + "/.local/share/pipx/venvs/yamllint", userHome + "/.local/pipx/venvs/yamllint"].first { FileManager.default.fileExists(atPath: $0) },
                "no pipx venv of yamllint")
            try FileManager.default.moveItem(atPath: venv, toPath: venv + ".away")
            let upgrade = try await run(["upgrade", "--dry-run"])
            #expect(upgrade.exitCode == 0 && upgrade.stdout.contains("upgrades the newest still here, apt package yamllint"), "\(upgrade.stdout)")
            let gone = try await run(["uninstall", "--dry-run", "yamllint"])
            #expect(gone.exitCode == 2 && gone.stdout.contains("removed outside evlog since"), "\(gone.stdout)")
            try FileManager.default.moveItem(atPath: venv + ".away", toPath: venv)

            #expect(try await run(["uninstall", "--yes", "--method", "pipx", "yamllint"]).exitCode == 0)
            #expect(!FileManager.default.fileExists(atPath: userHome + "/.local/bin/yamllint"), "the pipx copy stayed")
            #expect(Machine.isInstalled("yamllint"), "uninstall --method pipx removed the apt package too")

            // The apt install is still evlog's: a plain uninstall now removes it.
            #expect(try await run(["uninstall", "--yes", "yamllint"]).exitCode == 0)
            #expect(!Machine.isInstalled("yamllint"))
        }
    }
}
