import Foundation
import Testing

/// A real plan is resumed only by the user and `$HOME` it ran with: a resume under another `$HOME` (`sudo` without
/// `-H`, `su`, a home restored elsewhere) is refused before anything runs or is recorded, naming both homes
/// (repro13 F4: the resume switched home silently, leaving the plan's changes split between two homes).
@Suite struct ResumeUnderAnotherHomeTests {
    @Test func aResumeWithAnotherHomeIsRefusedAndNamesBoth() async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        let first = home.path + "/user-one"
        let second = home.path + "/user-two"
        for directory in [first, second] { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        let child = try ChildProcess(
            [EvlogBinary.path, "run", "--no-color", "--home", home.path, "--", "sleep", "30"],
            environment: Evlog.testEnvironment(home: first), workingDirectory: home.path, mergeStandardError: true)
        var sleeper: Int32?
        let started = await Machine.waitFor(timeoutSeconds: 120) {
            sleeper = Set(ProcessTable.descendants(of: child.pid)).intersection(ProcessTable.running(["sleep", "30"])).first
            return sleeper != nil
        }
        guard started else {
            child.send(SIGKILL)
            Issue.record("evlog run never started `sleep 30`: \(await child.wait(timeoutSeconds: 5).stdout)")
            return
        }
        child.send(SIGINT)
        #expect(await child.wait(timeoutSeconds: 60).exitCode == 130)
        let plan = try #require(home.onlyPlan())
        let before = try await home.export(plan).events("plan_resumed").count

        let refused = try await Evlog.run(["resume", "--yes", "--no-color", "--home", home.path, plan], environment: Evlog.testEnvironment(home: second))
        #expect(refused.exitCode == 2, "\(refused.allOutput)")
        #expect(refused.stderr.contains("HOME=\(first)") && refused.stderr.contains("HOME=\(second)"), "\(refused.stderr)")
        #expect(refused.stderr.contains("nothing was run"), "\(refused.stderr)")
        #expect(try await home.export(plan).events("plan_resumed").count == before)
        #expect(try await home.status(plan)["status"] as? String == "interrupted")
    }
}
