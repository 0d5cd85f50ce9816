import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Root with another user's `$HOME` or config directory (`sudo -E`, trust19 #9) is refused on every subcommand in one
/// line saying to use root's own HOME, before anything is read, run or made there.
@Suite struct RootForeignHomeTests {
    /// A directory user nobody owns, as `/home/deploy` is deploy's.
    private static func othersDirectory(in scratch: EvlogHome) throws -> String {
        let directory = scratch.path + "/others"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        #expect(chown(directory, 65534, 65534) == 0)
        return directory
    }

    /// The commands that only read this home's logs (`RootEnvironmentCheck.readOnlyCommands`): they run nothing there.
    static let readers: Set<String> = ["status", "list", "replay", "what-failed", "what-ran", "what-up", "critical-path", "cat"]

    @Test(.enabled(if: geteuid() == 0, "needs root"), arguments: HostileHomeTests.commands.filter { !readers.contains($0[0]) })
    func anotherUsersHomeIsRefused(command: [String]) async throws {
        let scratch = try EvlogHome.make()
        defer { scratch.remove() }
        let others = try Self.othersDirectory(in: scratch)
        let outcome = try await Evlog.run(
            [command[0], "--home", scratch.path + "/h"] + command.dropFirst(), environment: Evlog.testEnvironment(home: others))
        #expect(outcome.exitCode == 2, "\(command[0]): \(outcome.allOutput)")
        #expect(ChildOutcome.lines(outcome.stderr).count == 1, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("HOME=\(others)") && outcome.stderr.contains("sudo -H"), "\(outcome.stderr)")
        #expect((try? FileManager.default.contentsOfDirectory(atPath: others)) == [], "made something in another user's home")
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/h"))
    }

    @Test(.enabled(if: geteuid() == 0, "needs root"))
    func anotherUsersConfigDirectoryHoldsNoKeyOfRoots() async throws {
        let scratch = try EvlogHome.make()
        defer { scratch.remove() }
        let others = try Self.othersDirectory(in: scratch)
        var environment = Evlog.testEnvironment()
        environment["XDG_CONFIG_HOME"] = others
        let outcome = try await Evlog.run(["key", "generate"], environment: environment)
        #expect(outcome.exitCode == 2, "\(outcome.allOutput)")
        #expect(outcome.stderr.contains("XDG_CONFIG_HOME=\(others)"), "\(outcome.stderr)")
        #expect((try? FileManager.default.contentsOfDirectory(atPath: others)) == [])
    }

    /// A reader answers under `sudo -E` and makes nothing in that user's home.
    @Test(.enabled(if: geteuid() == 0, "needs root"), arguments: HostileHomeTests.commands.filter { readers.contains($0[0]) })
    func aReaderMakesNothingInAnotherUsersHome(command: [String]) async throws {
        let scratch = try EvlogHome.make()
        defer { scratch.remove() }
        let others = try Self.othersDirectory(in: scratch)
        let outcome = try await Evlog.run(
            [command[0], "--home", scratch.path] + command.dropFirst(), environment: Evlog.testEnvironment(home: others))
        #expect(!outcome.stderr.contains("sudo -H"), "\(command[0]): \(outcome.allOutput)")
        #expect((try? FileManager.default.contentsOfDirectory(atPath: others)) == [], "made something in another user's home")
    }
}
