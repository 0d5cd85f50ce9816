import Foundation
import Testing

/// Issue 28's command-line habits: plan ids complete in bash (through the `_evlog` function a shell calls),
/// global options before the subcommand, `list` telling an uninstall from an install, `prune` taking a
/// pruned plan's directories with its log.
struct LifecycleTruthCLITests {
    /// What bash offers for `evlog <words…>` with the cursor at the end, asking the completion script evlog prints.
    static func bashCompletion(_ words: [String], home: String) async throws -> [String] {
        let script = """
            shopt -s extglob; source <("$0" completions bash); COMP_WORDS=("$0" "$@"); COMP_CWORD=$#
            COMP_LINE="$0 $*"; COMP_POINT=${#COMP_LINE}; _evlog; printf '%s\\n' "${COMPREPLY[@]}"
            """
        var environment = Evlog.testEnvironment()
        environment["EVLOG_HOME"] = home
        let outcome = try await ChildProcess.run(
            ["/bin/bash", "-c", script, EvlogBinary.path] + words, environment: environment, workingDirectory: NSTemporaryDirectory())
        #expect(outcome.exitCode == 0 && !outcome.stdout.contains("Error"), "\(outcome.allOutput)")
        return outcome.stdoutLines.filter { !$0.isEmpty }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/bin/bash"), "needs bash"))
    func planIDsCompleteInBash() async throws {
        let home = try CLIHabitsTests.home(CLIHabitsTests.plans)
        defer { home.remove() }
        #expect(try await Self.bashCompletion(["status", "p-"], home: home.path) == CLIHabitsTests.plans.map(\.id))
        #expect(try await Self.bashCompletion(["replay", "p-bb"], home: home.path) == ["p-bbbb00000003"])
        // The commands a failed or interrupted plan's message tells the user to type with its id.
        for command in ["resume", "remedy", "bundle", "diagnose"] {
            #expect(try await Self.bashCompletion([command, "p-bb"], home: home.path) == ["p-bbbb00000003"], "\(command)")
        }
    }

    /// `--home DIR` (and the other shared options) typed before the subcommand: the plan ids of that home complete,
    /// not those of `EVLOG_HOME`, and tool names complete from the catalog.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/bin/bash"), "needs bash"))
    func completionWorksWithTheHomeBeforeTheSubcommandAndCompletesToolNames() async throws {
        let home = try CLIHabitsTests.home(CLIHabitsTests.plans)
        defer { home.remove() }
        let elsewhere = try EvlogHome.make()
        defer { elsewhere.remove() }
        for leading in [["--home", home.path], ["--home=" + home.path, "--no-color"], ["--json", "--home", home.path]] {
            #expect(try await Self.bashCompletion(leading + ["status", "p-"], home: elsewhere.path) == CLIHabitsTests.plans.map(\.id), "\(leading)")
            #expect(try await Self.bashCompletion(leading + ["replay", "p-bb"], home: elsewhere.path) == ["p-bbbb00000003"], "\(leading)")
        }
        for command in ["install", "plan", "uninstall", "upgrade", "outdated"] {
            #expect(try await Self.bashCompletion([command, "ripgre"], home: home.path) == ["ripgrep"], "\(command)")
        }
        #expect(try await Self.bashCompletion(["--home", home.path, "install", "jq", "ripgre"], home: home.path) == ["ripgrep"])
    }

    /// As a real bash hands them over (truth20 #15): `--home=DIR` split at `=` into three words, and a home typed with
    /// quotes or a backslash before its space; before and after the subcommand.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/bin/bash"), "needs bash"))
    func completionTakesTheHomeAsBashSplitsAndQuotesIt() async throws {
        let home = try CLIHabitsTests.home(CLIHabitsTests.plans)
        defer { home.remove() }
        let spaced = home.path + "/sp ace"
        try FileManager.default.moveItem(atPath: home.path + "/plans", toPath: spaced + "-plans")
        try FileManager.default.createDirectory(atPath: spaced, withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: spaced + "-plans", toPath: spaced + "/plans")
        let elsewhere = try EvlogHome.make()
        defer { elsewhere.remove() }
        let typed = ["\"" + spaced + "\"", "'" + spaced + "'", spaced.replacingOccurrences(of: " ", with: "\\ ")]
        for value in typed {
            for words in [["--home", "=", value, "status", "p-"], ["status", "--home", "=", value, "p-"], ["--home", value, "status", "p-"]] {
                #expect(try await Self.bashCompletion(words, home: elsewhere.path) == CLIHabitsTests.plans.map(\.id), "\(words)")
            }
        }
    }

    @Test func globalOptionsWorkBeforeTheSubcommand() async throws {
        let home = try CLIHabitsTests.home(CLIHabitsTests.plans)
        defer { home.remove() }
        // `status` of a fixed plan: its text holds no age, which a second's tick between runs would change.
        let after = try await Evlog.run(["status", "p-bbbb00000003", "--home", home.path, "--json"])
        #expect(after.exitCode == 0 && after.stdout.contains("\"status\""), "\(after.allOutput)")
        for arguments in [["--home", home.path, "status", "p-bbbb00000003", "--json"], ["--json", "--home=" + home.path, "status", "p-bbbb00000003"]] {
            let before = try await Evlog.run(arguments)
            #expect(before.exitCode == 0 && before.stdout == after.stdout, "\(arguments): \(before.allOutput)")
        }
    }

    /// A home given both before and after the subcommand is refused, whichever spelling: neither is dropped silently.
    @Test(arguments: [["--home", "{1}", "list", "--home", "{2}"], ["--home={1}", "status", "--home={2}"], ["--json", "--home", "{1}", "list", "--home={2}", "--json"]])
    func aHomeGivenBeforeAndAfterTheSubcommandIsRefused(arguments: [String]) async throws {
        let first = try CLIHabitsTests.home(CLIHabitsTests.plans)
        defer { first.remove() }
        let second = try EvlogHome.make()
        defer { second.remove() }
        let typed = arguments.map { $0.replacingOccurrences(of: "{1}", with: first.path).replacingOccurrences(of: "{2}", with: second.path) }
        let outcome = try await Evlog.run(typed)
        #expect(outcome.exitCode == 2 && outcome.stderr.contains("--home is given both before and after the subcommand"), "\(outcome.allOutput)")
        #expect(!outcome.stdout.contains("p-"), "\(outcome.allOutput)")
    }

    /// A tool's command put on PATH by something evlog does not know (a version manager's shim) is not `missing`: outdated
    /// says where it is and that it was not compared (truth20 #8); with no such command it is missing.
    @Test func aToolOnPathThatNoPlanInstalledIsNotMissing() async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        let shims = home.path + "/shims"
        try FileManager.default.createDirectory(atPath: shims, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: shims + "/k9s", contents: Data("#!/bin/sh\necho 'Version              v0.32.7'\n".utf8), attributes: [.posixPermissions: 0o755]))
        var environment = Evlog.testEnvironment(home: home.path + "/user")
        for (path, status) in [(shims + ":/usr/bin:/bin", "unknown"), ("/usr/bin:/bin", "missing")] {
            environment["PATH"] = path
            let outdated = try await Evlog.run(["outdated", "--json", "--offline", "--home", home.path, "k9s"], environment: environment)
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(outdated.stdout.utf8)) as? [[String: Any]], "\(outdated.allOutput)")
            #expect(rows.first?["status"] as? String == status, "\(path): \(outdated.stdout)")
            #expect(((rows.first?["reason"] as? String)?.contains(shims + "/k9s is there") ?? false) == (status == "unknown"), "\(path): \(outdated.stdout)")
        }
    }

    /// truth22 #1: a real install on a profile of another system (another OS or package manager) is refused before
    /// anything runs or any log is written; with --simulate it runs in simulation.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/apt-get"), "needs an apt machine, where these profiles are others'"),
          arguments: ["fedora", "alpine", "arch", "macos-arm", "opensuse"])
    func aRealInstallOnAnotherSystemsProfileIsRefused(profile: String) async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        let real = try await Evlog.run(["install", "--yes", "--no-color", "--home", home.path, "--profile", profile, "jq"])
        #expect(real.exitCode == 2 && real.stderr.contains("--profile \(profile) describes another system"), "\(real.allOutput)")
        #expect(home.planIDs.isEmpty, "a refused install left a log")
        let simulated = try await Evlog.run(["install", "--yes", "--no-color", "--simulate=synthetic", "--home", home.path, "--profile", profile, "jq"])
        #expect(simulated.exitCode == 0, "\(simulated.allOutput)")
    }

    /// A release-style tool placed in a scratch user's ~/.local/bin: refused by a plain upgrade (no plan installed
    /// it), upgraded with --force (nothing to run in place) and removed for real, each a plan `list` and `status`
    /// title by what it did.
    @Test func listAndStatusTellAnUninstallAndAnUpgradeFromAnInstall() async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        let user = home.path + "/user"
        try FileManager.default.createDirectory(atPath: user + "/.local/bin", withIntermediateDirectories: true)
        // The recipe's own release: an upgrade has nothing newer to install, and says so.
        #expect(FileManager.default.createFile(atPath: user + "/.local/bin/k9s", contents: Data("#!/bin/sh\necho 'Version              v0.32.7'\n".utf8), attributes: [.posixPermissions: 0o755]))
        let environment = Evlog.testEnvironment(home: user)
        let refused = try await Evlog.run(["upgrade", "--yes", "--home", home.path, "k9s"], environment: environment)
        #expect(refused.exitCode == 1 && refused.stderr.contains("not installed by evlog") && refused.stderr.contains("--force"), "\(refused.allOutput)")
        let upgrade = try await Evlog.run(["upgrade", "--yes", "--force", "--home", home.path, "k9s"], environment: environment)
        #expect(upgrade.exitCode == 0 && upgrade.stdout.contains("nothing newer to install"), "\(upgrade.allOutput)")
        // No plan installed it: only --force has evlog remove it (UninstallNotEvlogsTests).
        let uninstall = try await Evlog.run(["uninstall", "--yes", "--force", "--home", home.path, "k9s"], environment: environment)
        #expect(uninstall.exitCode == 0 && uninstall.stdout.contains("uninstall k9s"), "\(uninstall.allOutput)")
        #expect(!FileManager.default.fileExists(atPath: user + "/.local/bin/k9s"))
        let list = try await Evlog.run(["list", "--home", home.path], environment: environment)
        #expect(list.stdoutLines.count == 2 && list.stdoutLines[0].hasSuffix("upgrade") && list.stdoutLines[1].hasSuffix("uninstall k9s"), "\(list.allOutput)")
        let json = try await Evlog.run(["list", "--json", "--home", home.path], environment: environment)
        #expect(json.stdout.contains("\"kind\":\"upgrade\"") && json.stdout.contains("\"kind\":\"uninstall\""), "\(json.allOutput)")
        let status = try await Evlog.run(["status", "latest", "--home", home.path], environment: environment)
        #expect(status.stdout.contains("(uninstall k9s)"), "\(status.allOutput)")
    }

    /// A tool an install found already on the machine is the user's: the install leaves it alone, `outdated` says
    /// whose it is, uninstall and upgrade refuse (exit 1, even with --force) saying evlog did not install it and how
    /// it is installed, a bare upgrade skips it.
    @Test func aToolTheInstallFoundPresentIsNotRemoved() async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        let user = home.path + "/user"
        try FileManager.default.createDirectory(atPath: user + "/.local/bin", withIntermediateDirectories: true)
        let k9s = user + "/.local/bin/k9s"
        #expect(FileManager.default.createFile(atPath: k9s, contents: Data("#!/bin/sh\necho 'Version              v0.32.7'\n".utf8), attributes: [.posixPermissions: 0o755]))
        var environment = Evlog.testEnvironment(home: user)
        environment["PATH"] = user + "/.local/bin:" + (environment["PATH"] ?? "/usr/bin:/bin")
        let install = try await Evlog.run(["install", "--yes", "--home", home.path, "k9s"], environment: environment)
        #expect(install.exitCode == 0 && install.allOutput.contains("already installed (") && install.allOutput.contains("), left alone; use --reinstall"), "\(install.allOutput)")
        let outdated = try await Evlog.run(["outdated", "--json", "--offline", "--home", home.path], environment: environment)
        #expect(outdated.exitCode == 0 && outdated.stdout.contains("\"note\":\"not installed by evlog: plan p-"), "\(outdated.allOutput)")
        // No plan installed it: only --force has evlog remove it (UninstallNotEvlogsTests).
        let uninstall = try await Evlog.run(["uninstall", "--yes", "--force", "--home", home.path, "k9s"], environment: environment)
        #expect(
            uninstall.exitCode == 1 && uninstall.stderr.contains("k9s was on this machine before evlog (plan p-")
                && uninstall.stderr.contains("as the file ~/.local/bin/k9s") && uninstall.stderr.contains("does not remove it"),
            "\(uninstall.allOutput)")
        #expect(FileManager.default.fileExists(atPath: k9s), "uninstall removed a k9s the install found already there")
        let upgrade = try await Evlog.run(["upgrade", "--dry-run", "--home", home.path], environment: environment)
        #expect(upgrade.exitCode == 1 && upgrade.stderr.contains("no tools to upgrade"), "\(upgrade.allOutput)")
        let named = try await Evlog.run(["upgrade", "--dry-run", "--force", "--home", home.path, "k9s"], environment: environment)
        #expect(named.exitCode == 1 && named.stderr.contains("k9s was on this machine before evlog") && named.stderr.contains("does not upgrade it"), "\(named.allOutput)")
    }

    /// A real apt install of tig (captured on Debian 12: `Fixtures/logs/lifecycle/apt-install-tig.evlog`) recorded
    /// what it added to dpkg's package set, tig and libpcre2-posix3; its uninstall purges exactly those.
    @Test func uninstallPurgesWhatTheInstallRecordedAdding() async throws {
        let home = try EvlogHome.holding(lifecycleLogs: [("apt-install-tig", "p-644481c5b65d")])
        defer { home.remove() }
        let plan = try await Evlog.run(["uninstall", "--dry-run", "--json", "--home", home.path, "tig"])
        #expect(plan.exitCode == 0, "\(plan.allOutput)")
        #expect(plan.stdout.contains(#"apt-get purge -y -o DPkg::Lock::Timeout=600 -- \"$@\""#), "\(plan.stdout)")
        #expect(plan.stdout.contains(#""sh","tig","libpcre2-posix3"]"#), "\(plan.stdout)")
        // The package set change is part of the step's run: the captured log still reproduces.
        try await home.expectEveryPlanReproduces()
    }

    /// Real pipx installs of ruff@0.4, then ruff@0.5 over it (captured on Debian 12 with ~/.local/bin not on PATH:
    /// `Fixtures/logs/lifecycle/pipx-install-ruff-*.evlog`): the first plan wrote the ~/.bashrc block, the second
    /// skipped its step as the block was there. The uninstall removes the first plan's block, the one that exists.
    @Test func uninstallRemovesTheShellBlockTheFirstInstallWroteNotTheReinstallsSkippedOne() async throws {
        let home = try EvlogHome.holding(lifecycleLogs: [("pipx-install-ruff-0.4", "p-c84fca60e620"), ("pipx-install-ruff-0.5-over-0.4", "p-5696a6132be6")])
        defer { home.remove() }
        let plan = try await Evlog.run(["uninstall", "--dry-run", "--json", "--home", home.path, "ruff"])
        #expect(plan.exitCode == 0, "\(plan.allOutput)")
        let blocks = plan.stdout.components(separatedBy: #""blockPlan":""#).dropFirst().map { $0.prefix(14) }
        #expect(blocks == ["p-c84fca60e620"], "\(plan.stdout)")
    }

    /// A command a version manager put in the home (a pyenv shim) is not evlog's to remove: uninstall says
    /// where it is and leaves it; the same file in ~/.local/bin is removed.
    @Test func aShimEvlogDidNotPutThereIsLeftAlone() async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        let user = home.path + "/user"
        for directory in ["/.pyenv/shims", "/.local/bin"] {
            try FileManager.default.createDirectory(atPath: user + directory, withIntermediateDirectories: true)
        }
        let shim = user + "/.pyenv/shims/k9s"
        #expect(FileManager.default.createFile(atPath: shim, contents: Data("#!/bin/sh\necho v0.32.5\n".utf8), attributes: [.posixPermissions: 0o755]))
        var environment = Evlog.testEnvironment(home: user)
        environment["PATH"] = user + "/.pyenv/shims:" + (environment["PATH"] ?? "/usr/bin:/bin")
        let refused = try await Evlog.run(["uninstall", "--yes", "--home", home.path, "k9s"], environment: environment)
        #expect(refused.exitCode == 1 && refused.stderr.contains(shim) && refused.stderr.contains("leaves it alone"), "\(refused.allOutput)")
        #expect(FileManager.default.fileExists(atPath: shim), "uninstall removed a shim it never installed")
    }

    @Test func pruneRemovesAPrunedPlansDirectoriesWithItsLog() async throws {
        let home = try CLIHabitsTests.home(CLIHabitsTests.plans, newestDaysAgo: 40)
        defer { home.remove() }
        let pruned = "p-aaaa00000001"
        for directory in ["work", "backups", "fixtures"] {
            try FileManager.default.createDirectory(atPath: "\(home.path)/\(directory)/\(pruned)/x", withIntermediateDirectories: true)
        }
        try FileManager.default.createDirectory(atPath: home.path + "/work/p-bbbb00000003", withIntermediateDirectories: true)
        let outcome = try await Evlog.run(["prune", "--older-than", "30d", "--keep", "2", "--home", home.path])
        #expect(outcome.exitCode == 0, "\(outcome.allOutput)")
        for directory in ["work", "backups", "fixtures"] {
            #expect(!FileManager.default.fileExists(atPath: "\(home.path)/\(directory)/\(pruned)"), "\(directory)/\(pruned) stayed")
        }
        #expect(FileManager.default.fileExists(atPath: home.path + "/work/p-bbbb00000003"), "a kept plan's work directory went")
    }
}
