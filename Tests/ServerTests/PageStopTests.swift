import Foundation
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
