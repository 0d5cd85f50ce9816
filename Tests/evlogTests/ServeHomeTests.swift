import Foundation
import Testing

/// The home `evlog serve` is given is judged as `install` judges it, since the plans the page starts run there:
/// one another user can write is refused before anything listens (serve22 #7), and a missing one is shown as
/// missing and not made (serve22 #10: `--home /nonexistent/x` made `/nonexistent`).
@Suite struct ServeHomeTests {
    /// Modes that let another user write the home, each refused with the install's one line, exit 2.
    @Test(arguments: [0o777, 0o1777, 0o757, 0o703])
    func aHomeOthersCanWriteIsRefused(mode: Int) async throws {
        let scratch = try EvlogHome.make()
        defer { scratch.remove() }
        let home = scratch.path + "/shared"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: false)
        #expect(chmod(home, mode_t(mode)) == 0)
        let outcome = try await Evlog.run(["serve", "--home", home], timeoutSeconds: 60)
        #expect(!outcome.timedOut && outcome.exitCode == 2, "mode \(String(mode, radix: 8)): \(outcome.allOutput)")
        #expect(outcome.stderr.contains("will not use the home \(home)") && ChildOutcome.lines(outcome.stderr).count == 1, "\(outcome.stderr)")
        #expect(outcome.stdout.isEmpty, "it listened: \(outcome.stdout)")
    }

    /// A home missing one or more levels deep: the server says so and makes none of them.
    @Test(arguments: [1, 3])
    func aMissingHomeIsNotMade(depth: Int) async throws {
        let scratch = try EvlogHome.make()
        defer { scratch.remove() }
        let top = scratch.path + "/typo"
        let home = top + String(repeating: "/deeper", count: depth - 1)
        let server = try ChildProcess([EvlogBinary.path, "serve", "--home", home], environment: Evlog.testEnvironment())
        var said = ""
        for _ in 0..<600 where !said.contains("Ctrl-C") {
            try await Task.sleep(for: .milliseconds(100))
            said = server.standardErrorSoFar
        }
        server.send(SIGTERM)
        let outcome = await server.wait(timeoutSeconds: 30)
        #expect(outcome.stderr.contains("plans in \(home) (it does not exist yet"), "\(outcome.allOutput)")
        #expect(!FileManager.default.fileExists(atPath: top), "serve made \(top)")
    }
}
