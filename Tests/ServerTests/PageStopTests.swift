import Foundation
import InstallModel
import Testing

@testable import Server

/// A page nobody waits for any more stops being drawn: the connection's close cancels its request's task, which
/// sets the "stop now?" check a blocking job is given, and the plan page checks it between its parts (a
/// 20,000-step plan's page went on working after its client had left).
@Suite struct PageStopTests {
    @Test func aPlanPageWhoseAskerLeftStopsBetweenItsParts() throws {
        let recorded = try RecordedPlan.finished(seed: 95, lines: 50)
        #expect(try PlanPage.html(recorded.log, base: "/plans/p", actions: true, fleet: false).contains("line 49"))
        for checksBeforeStop in 0..<3 {
            var checks = 0
            #expect(throws: CancellationError.self, "stopped after \(checksBeforeStop) checks") {
                try PlanPage.html(recorded.log, base: "/plans/p", actions: true, fleet: false) {
                    checks += 1
                    return checks > checksBeforeStop
                }
            }
        }
    }

    /// A log folded from its start (no checkpoint: an import, a huge plan) is where a page spends its time; the fold
    /// asks too, every `eventsBetweenStopChecks` events, and stops at the first ask that says so.
    @Test func theFoldOfABigLogStopsMidWay() throws {
        // About 3,500 chunks of output: within one checkpoint interval, so the page folds them all.
        let recorded = try RecordedPlan(seed: 96)
        var generator = SplitMix64(seed: 96)
        try recorded.recordCut(Array((0..<3000).map { "line \($0)\n" }.joined().utf8), chunkMax: 16, &generator)
        try recorded.finish()
        var asked = 0
        _ = try PlanPage.html(recorded.log, base: "/plans/p", actions: true, fleet: false) {
            asked += 1
            return false
        }
        #expect(asked > 4, "the fold of thousands of events asked only \(asked - 2) times")
        var checks = 0
        #expect(throws: CancellationError.self) {
            try PlanPage.html(recorded.log, base: "/plans/p", actions: true, fleet: false) {
                checks += 1
                return checks == 2
            }
        }
        #expect(checks == 2, "the fold went on after it was told to stop")
    }

    @Test func aBlockingJobIsToldToStopOnceItsTaskIsCancelled() async throws {
        let job = Task {
            try await Blocking.run { stopped in
                while !stopped() { usleep(1000) }
                return "stopped"
            }
        }
        job.cancel()
        #expect(try await job.value == "stopped")
    }
}
