import Foundation
import Testing

/// A home that cannot hold plans — empty, a file, a path under a file, a kernel pseudo filesystem — is
/// one error line naming `--home` and exit 2 on every subcommand that takes `--home`, with no usage text.
@Suite struct HostileHomeTests {
    /// Every subcommand with `--home`, with arguments it would otherwise accept.
    static let commands: [[String]] = [
        ["install", "jq", "--dry-run"], ["plan", "jq"], ["profile"], ["catalog"], ["uninstall", "jq"], ["upgrade", "jq"],
        ["outdated"], ["list"], ["status", "p-000000000000"], ["replay", "p-000000000000"], ["cat", "p-000000000000"],
        ["verify", "p-000000000000"], ["export", "p-000000000000"], ["import", "/dev/null"],
        ["critical-path", "p-000000000000"], ["what-ran", "p-000000000000"], ["what-failed", "p-000000000000"],
        ["what-up"], ["diagnose", "p-000000000000"], ["reproduce", "p-000000000000"], ["resume", "p-000000000000"],
        ["remedy", "p-000000000000"], ["prune"], ["bundle", "p-000000000000"], ["run", "--", "true"],
    ]

    @Test(arguments: commands)
    func badHomeIsOneLineAndExitTwo(command: [String]) async throws {
        let scratch = try EvlogHome.make()
        defer { scratch.remove() }
        let file = scratch.path + "/not-a-directory"
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        var homes = ["", file, file + "/below-a-file"]
        if FileManager.default.fileExists(atPath: "/proc/self") { homes += ["/proc/evlog-home", "/proc"] }
        for home in homes {
            for form in [["--home", home], ["--home=" + home]] {
                let outcome = try await Evlog.run([command[0]] + form + command.dropFirst())
                let lines = ChildOutcome.lines(outcome.stderr)
                #expect(outcome.exitCode == 2, "\(command[0]) --home '\(home)': exit \(outcome.exitCode): \(outcome.allOutput)")
                #expect(lines.count == 1 && lines.first?.contains("--home") == true,
                        "\(command[0]) --home '\(home)' printed \(lines.count) lines: \(outcome.stderr)")
                #expect(!outcome.allOutput.contains("Usage"), "\(command[0]) printed usage: \(outcome.allOutput)")
            }
        }
        #expect(!FileManager.default.fileExists(atPath: "/plans"), "an empty --home wrote to /plans")
        #expect(!FileManager.default.fileExists(atPath: "/proc/evlog-home"))
    }

    /// repro22 #7: a home that is a link to a directory gone is said to be one, not Foundation's "a file with the same
    /// name already exists", by install and by reproduce's JSON.
    @Test func aDanglingLinkAsHomeIsSaidToBeOne() async throws {
        let scratch = try EvlogHome.make()
        defer { scratch.remove() }
        let link = scratch.path + "/home"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: scratch.path + "/gone")
        let install = try await Evlog.run(["install", "--simulate", "--yes", "--no-color", "--home", link, "ripgrep"])
        #expect(install.exitCode == 2 && install.stderr.contains("is a symbolic link to \(scratch.path)/gone, which does not exist"), "\(install.allOutput)")
        #expect(!install.allOutput.contains("same name"), "\(install.allOutput)")
    }

    @Test func badEvlogHomeVariableIsOneLineToo() async throws {
        let scratch = try EvlogHome.make()
        defer { scratch.remove() }
        let file = scratch.path + "/not-a-directory"
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        var environment = Evlog.testEnvironment()
        environment["EVLOG_HOME"] = file
        let outcome = try await Evlog.run(["list"], environment: environment)
        #expect(outcome.exitCode == 2, "\(outcome.allOutput)")
        #expect(ChildOutcome.lines(outcome.stderr).count == 1 && outcome.stderr.contains("EVLOG_HOME"), "\(outcome.stderr)")
    }

    /// A relative home not made yet, whose nearest existing parent is found through one-character names
    /// (`--home h`, `a/b`): no trap in the path arithmetic.
    @Test(arguments: ["h", "a/b", "x/y/z", "h/", "ab/c"])
    func aRelativeHomeOfShortNamesIsFine(home: String) async throws {
        let scratch = try EvlogHome.make()
        defer { scratch.remove() }
        let outcome = try await Evlog.run(["list", "--home", home], workingDirectory: scratch.path)
        #expect(outcome.exitCode == 0, "--home \(home): \(outcome.allOutput)")
    }

    @Test func aHomeThatDoesNotExistYetIsFine() async throws {
        let scratch = try EvlogHome.make()
        defer { scratch.remove() }
        let outcome = try await Evlog.run(["list", "--home", scratch.path + "/new/home"])
        #expect(outcome.exitCode == 0, "\(outcome.allOutput)")
    }
}
