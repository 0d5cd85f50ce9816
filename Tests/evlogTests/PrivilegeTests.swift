import Foundation
import Testing

extension RealInstallTests {
    /// How evlog reaches root as a throwaway user: passwordless sudo, sudo with a password and no terminal, no sudo.
    @Suite("privilege model")
    struct Privilege {
        static let needs = "needs root, sudo, visudo, useradd/userdel/chpasswd/runuser"

        @Test(
            .enabled(if: SudoUser.canCreate, Comment(rawValue: needs)),
            .enabled(if: Machine.canInstallWithApt, "needs root, apt-get and a reachable Debian mirror"))
        func passwordlessSudoInstallsWithNoTerminalThroughSudoN() async throws {
            let wasInstalled = Machine.isInstalled("tree")
            defer { if wasInstalled { try? Machine.aptInstall("tree") } else { try? Machine.aptRemove("tree") } }
            try Machine.aptRemove("tree")
            let user = try SudoUser.create(sudoRule: "ALL=(ALL) NOPASSWD: ALL")
            defer { user.remove() }

            let profile = try await user.evlog(["profile", "--no-color"])
            #expect(profile.stdout.contains("sudo without a password"), "\(profile.stdout)")
            // --remediate: another job on a shared machine may hold apt's lock; evlog then waits for it.
            let run = try await user.evlog(["install", "--yes", "--remediate", "--no-color", "--home", user.home.path, "tree"])
            #expect(run.exitCode == 0, "\(run.stdout)")
            #expect(Machine.isInstalled("tree"))
            let log = try await user.home.export(try #require(user.home.onlyPlan()))
            let rootCommands = log.events("command_started").map(\.argv).filter { $0.first == "sudo" }
            #expect(!rootCommands.isEmpty && rootCommands.allSatisfy { $0.starts(with: ["sudo", "-n", "--"]) }, "\(rootCommands)")
        }

        @Test(.enabled(if: SudoUser.canCreate, Comment(rawValue: needs)))
        func passwordSudoWithoutATerminalStopsBeforeAnyStepNamingSudoPasswordStdin() async throws {
            let user = try SudoUser.create()
            defer { user.remove() }
            let profile = try await user.evlog(["profile", "--no-color"])
            #expect(profile.stdout.contains("sudo with a password"), "\(profile.stdout)")
            // A tool apt would install (root needed) that is surely not installed: a fixed profile keeps the plan stable.
            let run = try await user.evlog(["install", "--yes", "--no-color", "--home", user.home.path, "tree", "jq", "htop"])
            #expect(run.exitCode == 2, "\(run.stdout)")
            // The plan is shown first (what the password would be for), then one line saying what to do.
            let lines = ChildOutcome.lines(run.stdout)
            #expect(lines.first?.hasPrefix("plan ") == true && lines.last?.contains("--sudo-password-stdin") == true, "\(run.stdout)")
            #expect(lines.filter { $0.contains("--sudo-password-stdin") }.count == 1, "\(run.stdout)")
            #expect(user.home.planIDs.isEmpty, "a plan log was created: something started")
        }

        @Test(
            .enabled(if: SudoUser.canCreate, Comment(rawValue: needs)),
            .enabled(if: Machine.hasPipx, "needs pipx (CI installs it with apt)"),
            .enabled(if: Machine.pypiReachable, "needs PyPI (pypi.org:443) reachable"))
        func noSudoChoosesAUserScopeMethodAndSaysWhy() async throws {
            let user = try SudoUser.create(sudoRule: nil)
            defer { user.remove() }
            let profile = try await user.evlog(["profile", "--no-color"])
            #expect(profile.stdout.contains("no way to root"), "\(profile.stdout)")
            // An overlay that prefers apt: with no way to root the resolver must fall back to pipx.
            let overlay = user.scratch + "/catalog"
            try FileManager.default.createDirectory(atPath: overlay + "/recipes", withIntermediateDirectories: true)
            let recipe = """
                black:
                  description: black, apt first
                  binary: black
                  verify: {pattern: 'black, \\d+\\.\\d+'}
                  methods:
                    - packages: {apt: black}
                    - pipx: black

                """
            try Data(recipe.utf8).write(to: URL(fileURLWithPath: overlay + "/recipes/black.yaml"))
            try ChildProcess.must(["chmod", "-R", "a+rX", overlay])
            let plan = try await user.evlog(["plan", "--no-color", "--catalog", overlay, "black"])
            #expect(plan.stdout.contains("pipx"), "\(plan.stdout)")
            #expect(plan.stdout.contains("needs root (not root, no sudo)"), "\(plan.stdout)")
            let run = try await user.evlog(["install", "--yes", "--no-color", "--catalog", overlay, "--home", user.home.path, "black"])
            #expect(run.exitCode == 0, "\(run.stdout)")
            #expect(FileManager.default.isExecutableFile(atPath: user.accountHome + "/.local/bin/black"), "\(run.stdout)")
        }
    }
}
