import Foundation
import Testing

/// Paths stay home: plan ids match one grammar wherever they enter, `--home` must be a directory,
/// symbolic links are never written through, and every refusal is one line with exit 2.
@Suite(.serialized) struct HostilePathTests {
    @Test(arguments: [["list"], ["run", "--", "true"], ["status", "p-000000000000"]])
    func emptyOrNonDirectoryHomeIsAUsageError(command: [String]) async throws {
        let scratch = try EvlogHome.make()
        defer { scratch.remove() }
        let file = scratch.path + "/not-a-directory"
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        for home in ["", file] {
            let outcome = try await Evlog.run([command[0], "--home", home] + command.dropFirst())
            #expect(outcome.exitCode == 2, "--home '\(home)': \(outcome.allOutput)")
            #expect(outcome.stderr.contains("--home"), "\(outcome.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: "/plans"), "an empty --home wrote to /plans")
    }

    /// The plan id and JSONL export of an `evlog run -- true` recorded in `home`: the file crafted imports start from.
    static func exportOfARun(in home: EvlogHome) async throws -> (plan: String, text: String) {
        let recorded = try await Evlog.run(["run", "--home", home.path, "--no-color", "--", "true"])
        try #require(recorded.exitCode == 0)
        let plan = try #require(home.onlyPlan())
        return (plan, try await home.export(plan).text)
    }

    @Test func importOfAPlanIDThatLeavesTheHomeIsRefused() async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        let (plan, text) = try await Self.exportOfARun(in: home)
        let crafted = text.replacingOccurrences(of: "\"id\":\"\(plan)\"", with: "\"id\":\"../../escaped-by-import\"")
        #expect(crafted != text)
        let file = home.path + "/crafted.jsonl"
        try Data(crafted.utf8).write(to: URL(fileURLWithPath: file))
        let target = try EvlogHome.make()
        defer { target.remove() }
        let outcome = try await Evlog.run(["import", file, "--home", target.path + "/a/b"])
        #expect(outcome.exitCode == 2, "\(outcome.allOutput)")
        #expect(outcome.stderr.contains("is not a plan id"), "\(outcome.stderr)")
        #expect(target.files().isEmpty, "import wrote \(target.files().map(\.path))")
    }

    /// An export whose plan is called `latest` or `latest-failed`, or whose id ends like a log or bundle file, would
    /// make those references name two things: import refuses it at the boundary (one line, exit 2, no log).
    @Test func importOfAReservedPlanIDIsRefused() async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        let (plan, text) = try await Self.exportOfARun(in: home)
        for id in ["latest", "latest-failed", plan + ".evlog", plan + ".evb"] {
            let file = home.path + "/crafted.jsonl"
            try Data(text.replacingOccurrences(of: "\"id\":\"\(plan)\"", with: "\"id\":\"\(id)\"").utf8).write(to: URL(fileURLWithPath: file))
            let target = try EvlogHome.make()
            defer { target.remove() }
            let outcome = try await Evlog.run(["import", file, "--home", target.path])
            #expect(outcome.exitCode == 2 && outcome.stderr.split(separator: "\n").count == 1, "\(id): \(outcome.allOutput)")
            #expect(outcome.stderr.contains("is not a plan id") && outcome.stderr.contains("nothing was imported"), "\(id): \(outcome.stderr)")
            #expect(!FileManager.default.fileExists(atPath: target.path + "/plans/\(id).evlog"), "\(id): a log was created")
        }
    }

    @Test func planIDWithASlashOrDotsIsNotLookedUpAsAPath() async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        let outcome = try await Evlog.run(["status", "..", "--home", home.path])
        #expect(outcome.exitCode == 2, "\(outcome.allOutput)")
        #expect(outcome.stderr.contains("is not a plan id"), "\(outcome.stderr)")
    }

    @Test func symlinkedLogAndLockAreNeverWrittenThrough() async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        let recorded = try await Evlog.run(["run", "--home", home.path, "--no-color", "--", "sh", "-c", "exit 3"])
        // `evlog run` exits with the command's own status.
        try #require(recorded.exitCode == 3, "\(recorded.allOutput)")
        let plan = try #require(home.onlyPlan())
        let plans = home.path + "/plans/"
        let victim = home.path + "/victim"
        try Data("precious\n".utf8).write(to: URL(fileURLWithPath: victim))

        try FileManager.default.removeItem(atPath: plans + plan + ".evlog.lock")
        try FileManager.default.createSymbolicLink(atPath: plans + plan + ".evlog.lock", withDestinationPath: victim)
        let viaLock = try await Evlog.run(["resume", plan, "--yes", "--home", home.path, "--no-color"])
        #expect(viaLock.exitCode == 2, "\(viaLock.allOutput)")
        #expect(viaLock.stderr.contains("symbolic link"), "\(viaLock.stderr)")
        #expect(FileManager.default.contents(atPath: victim) == Data("precious\n".utf8))

        try FileManager.default.removeItem(atPath: plans + plan + ".evlog.lock")
        try FileManager.default.moveItem(atPath: plans + plan + ".evlog", toPath: home.path + "/real.evlog")
        try FileManager.default.createSymbolicLink(atPath: plans + plan + ".evlog", withDestinationPath: home.path + "/real.evlog")
        let before = FileManager.default.contents(atPath: home.path + "/real.evlog")
        let viaLog = try await Evlog.run(["resume", plan, "--yes", "--home", home.path, "--no-color"])
        #expect(viaLog.exitCode == 2, "\(viaLog.allOutput)")
        #expect(FileManager.default.contents(atPath: home.path + "/real.evlog") == before, "the link's target was appended to")
    }

    @Test func plansBeingAFileIsOneLineNotAFoundationDump() async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        try Data().write(to: URL(fileURLWithPath: home.path + "/plans"))
        let outcome = try await Evlog.run(["run", "--home", home.path, "--no-color", "--", "true"])
        #expect(outcome.exitCode == 2, "\(outcome.allOutput)")
        #expect(!outcome.allOutput.contains("NSCocoaErrorDomain"), "\(outcome.allOutput)")
        #expect(ChildOutcome.lines(outcome.stderr).count == 1, "\(outcome.stderr)")
    }
}
