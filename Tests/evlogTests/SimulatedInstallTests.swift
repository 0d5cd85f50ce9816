import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `evlog install --simulate`: the real orchestrator against recorded outputs, from a clean home; no root, no network.
@Suite("simulated install from a clean home")
struct SimulatedInstallTests {
    static let tool = "ripgrep"

    static func install(home: EvlogHome, extra: [String] = []) async throws -> ChildOutcome {
        try await Evlog.run(
            ["install", "--simulate", "--yes", "--no-color", "--home", home.path] + extra + [tool], mergeStandardError: true)
    }

    @Test func simulatedInstallEndsDoneAndReplaysExactlyAsItPrinted() async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        let live = try await SimulatedInstallTests.install(home: home)
        #expect(live.exitCode == 0, "\(live.stdout)")
        let plan = try #require(home.onlyPlan())
        let status = try await home.status(plan)
        #expect(status["status"] as? String == "done", "\(status)")
        #expect(status["ok"] as? Bool == true)
        // Its status says it was simulated, as `list` does: nothing happened on this machine (truth11 F7).
        let text = try await Evlog.run(["status", "--no-color", "--home", home.path, plan])
        #expect(text.stdout.contains("(simulated install \(Self.tool))"), "\(text.allOutput)")

        let log = try await home.export(plan)
        #expect(!log.stepKinds.isEmpty)
        for step in log.stepKinds.keys.sorted() {
            #expect(log.events("step_done", step: step).count == 1, "step \(step) is not done once")
        }
        try await home.expectReplayMatchesLive(live, plan: plan)
    }

    @Test func sameSeedGivesAByteIdenticalLog() async throws {
        let first = try EvlogHome.make()
        let second = try EvlogHome.make()
        defer {
            first.remove()
            second.remove()
        }
        #expect(try await SimulatedInstallTests.install(home: first, extra: ["--seed", "7"]).exitCode == 0)
        // The home's id is an input too: the log's header names the home that created it (`HomeIdentity`).
        try FileManager.default.copyItem(atPath: first.path + "/home-id", toPath: second.path + "/home-id")
        #expect(try await SimulatedInstallTests.install(home: second, extra: ["--seed", "7"]).exitCode == 0)
        let plan = try #require(first.onlyPlan())
        #expect(second.planIDs == [plan], "the seed fixes the plan id too")
        let one = FileManager.default.contents(atPath: first.path + "/plans/\(plan).evlog")
        let two = FileManager.default.contents(atPath: second.path + "/plans/\(plan).evlog")
        #expect(one != nil && one == two, "same seed, same fixtures, different log bytes")
    }

    /// Mirrors ../shared/acceptance/04-crash-resume: crash (like SIGKILL) after event N, resume, end done,
    /// and a step the log recorded done never starts again.
    @Test func crashAtAnyEventThenResumeEndsDoneWithoutRerunningDoneSteps() async throws {
        let reference = try EvlogHome.make()
        defer { reference.remove() }
        #expect(try await SimulatedInstallTests.install(home: reference).exitCode == 0)
        let referencePlan = try #require(reference.onlyPlan())
        let referenceLog = try await reference.export(referencePlan)
        let total = referenceLog.events.count
        try #require(total >= 5, "the reference run has only \(total) events")

        let points = Array(Set([1, 2, 3, total / 4, total / 3, total / 2, 2 * total / 3, total - 2, total - 1])).sorted()
        for point in points {
            let home = try EvlogHome.make()
            defer { home.remove() }
            let crashed = try await SimulatedInstallTests.install(home: home, extra: ["--crash-at-event", String(point)])
            #expect(crashed.signal == SIGKILL, "crash at event \(point): evlog ended with \(crashed.exitCode), not SIGKILL")
            guard let plan = home.onlyPlan() else { continue }
            let before = try await home.status(plan)
            #expect(before["status"] as? String != "done", "crash at event \(point): the plan is done before resuming")

            let resumed = try await Evlog.run(["resume", plan, "--yes", "--no-color", "--home", home.path], mergeStandardError: true)
            #expect(resumed.exitCode == 0, "resume after a crash at event \(point): \(resumed.stdout)")
            let after = try await home.status(plan)
            #expect(after["status"] as? String == "done", "crash at event \(point) + resume: \(after)")
            let log = try await home.export(plan)
            #expect(log.doneStepsStartedAgain.isEmpty, "crash at event \(point): done steps started again: \(log.doneStepsStartedAgain)")
            #expect(log.stepKinds == referenceLog.stepKinds, "crash at event \(point): a different plan")
            for step in log.stepKinds.keys {
                #expect(log.events("step_done", step: step).count == 1, "crash at event \(point): step \(step) not done exactly once")
            }
        }
    }

    /// What `evlog resume` prints goes through the same renderer as the first run, which must know the plan.
    @Test func resumeAfterACrashNamesThePlanAndSummarisesAllItsSteps() async throws {
        let reference = try EvlogHome.make()
        let home = try EvlogHome.make()
        defer {
            reference.remove()
            home.remove()
        }
        let first = try await SimulatedInstallTests.install(home: reference)
        let summary = try #require(first.stdoutLines.first { $0.hasPrefix("plan done:") }, "\(first.stdout)")
        let expected = String(summary[..<(summary.range(of: " elapsed=")?.lowerBound ?? summary.endIndex)])
        _ = try await SimulatedInstallTests.install(home: home, extra: ["--crash-at-event", "5"])
        let plan = try #require(home.onlyPlan())
        let resumed = try await Evlog.run(["resume", plan, "--yes", "--no-color", "--home", home.path], mergeStandardError: true)
        #expect(resumed.exitCode == 0, "\(resumed.stdout)")
        #expect(resumed.stdoutLines.contains("==> resuming plan \(plan)"), "\(resumed.stdout)")
        #expect(resumed.stdoutLines.contains { $0.hasPrefix(expected + " elapsed=") }, "expected «\(expected)» in \(resumed.stdout)")
    }
}
