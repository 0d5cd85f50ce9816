import Foundation
import Testing

/// A pipx tool evlog installed and the user then removed by hand (`pipx uninstall`): `uninstall` removes the rest of
/// what its install added (the ~/.bashrc block), says the tool was already gone and ends ok; `upgrade` says it is not
/// installed (truth11 F8, F11). From the captured real install of ruff 0.4 that wrote the block, in a scratch user's
/// home: with ruff's venv there the plan runs `pipx uninstall`; without it, no pipx command runs.
struct RemovedByHandTests {
    static let plan = "p-c84fca60e620"

    @Test func aPipxToolRemovedByHandIsUninstalledWithItsShellBlockAndNotUpgraded() async throws {
        let home = try EvlogHome.holding(lifecycleLogs: [("pipx-install-ruff-0.4", Self.plan)])
        defer { home.remove() }
        let user = home.path + "/user"
        let venv = user + "/.local/share/pipx/venvs/ruff"
        try FileManager.default.createDirectory(atPath: venv, withIntermediateDirectories: true)
        let mine = "alias ll='ls -l'\n"
        let block = "# >>> evlog \(Self.plan) >>>\nexport PATH=\"$HOME/.local/bin:$PATH\"\n# <<< evlog \(Self.plan) <<<\n"
        try (mine + block).write(toFile: user + "/.bashrc", atomically: true, encoding: .utf8)
        let environment = Evlog.testEnvironment(home: user)
        func run(_ arguments: [String]) async throws -> ChildOutcome {
            try await Evlog.run(arguments + ["--no-color", "--home", home.path], environment: environment)
        }

        let whileThere = try await run(["uninstall", "--dry-run", "--json", "ruff"])
        #expect(whileThere.exitCode == 0 && whileThere.stdout.contains(#""argv":["pipx","uninstall","--","ruff"]"#), "\(whileThere.allOutput)")
        try FileManager.default.removeItem(atPath: venv)

        let upgrade = try await run(["upgrade", "--yes", "ruff"])
        #expect(upgrade.exitCode == 1, "\(upgrade.allOutput)")
        #expect(upgrade.allOutput.contains("pipx package ruff is no longer installed (removed outside evlog)"), "\(upgrade.allOutput)")
        let planned = try await run(["uninstall", "--dry-run", "--json", "ruff"])
        #expect(planned.exitCode == 0 && !planned.stdout.contains(#""pipx","uninstall""#), "\(planned.allOutput)")

        let uninstall = try await run(["uninstall", "--yes", "ruff"])
        #expect(uninstall.exitCode == 0, "\(uninstall.allOutput)")
        #expect(uninstall.allOutput.contains("was already removed outside evlog"), "\(uninstall.allOutput)")
        let profile = try String(contentsOfFile: user + "/.bashrc", encoding: .utf8)
        #expect(profile.contains(mine) && !profile.contains("evlog \(Self.plan)"), "the block stayed:\n\(profile)")
        // The uninstall is on record: ruff is no longer evlog's.
        let again = try await run(["uninstall", "--dry-run", "ruff"])
        #expect(again.exitCode == 1, "\(again.allOutput)")
    }
}
