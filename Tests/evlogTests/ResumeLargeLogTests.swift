import Foundation
import Testing

/// `evlog resume` of a log larger than evlog's memory goal reads it as a stream (Tools/bench-read
/// measures the peak RSS; here: it works).
@Suite struct ResumeLargeLogTests {
    @Test func aFailedRunWithMoreThan64MBOfOutputResumesToDone() async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        let marker = home.path + "/second-attempt"
        // First attempt: 80 MiB of output, then failure. The retry on resume finds the marker and succeeds.
        let script = "if [ -e \(marker) ]; then echo retried; exit 0; fi; touch \(marker); "
            + "yes 'Unpacking libexample1:amd64 (1.2.3-4) over (1.2.3-3) ...' | head -c 83886080; exit 7"
        let first = try await Evlog.run(["run", "--home", home.path, "--", "sh", "-c", script])
        #expect(first.exitCode == 7, "\(first.stderr)")
        let plan = try #require(home.onlyPlan())
        let before = try await home.status(plan)
        #expect(before["status"] as? String == "failed", "\(before)")
        let resumed = try await Evlog.run(["resume", plan, "--yes", "--home", home.path])
        #expect(resumed.exitCode == 0, "\(resumed.stderr)")
        let status = try await home.status(plan)
        #expect(status["status"] as? String == "done", "\(status)")
        let steps = try #require(status["steps"] as? [[String: Any]])
        #expect(steps.first?["attempt"] as? Int == 2, "\(steps)")
    }
}
