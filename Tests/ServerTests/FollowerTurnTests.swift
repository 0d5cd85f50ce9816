import Foundation
import Orchestrator
@testable import Server
import Testing

/// A follower replaying a big log from the start reads it on one of the few threads every request shares;
/// it must let other requests in while it reads, not only when its client is slow (serve attack round 8, B:
/// two `curl -N …/events` of a 270 MB plan left every other request unanswered for two minutes).
@Suite struct FollowerTurnTests {
    /// A count several tasks change at once.
    final class Count: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func add() { lock.withLock { value += 1 } }
        var current: Int { lock.withLock { value } }
    }

    /// The two responses that stream from a log: its events (SSE) and a step's raw output.
    enum Stream: String, CaseIterable { case events, rawOutput }

    @Test(arguments: Stream.allCases)
    func followersWhoseWritesNeverWaitStillLetAnotherTaskRunBeforeTheyEnd(stream: Stream) async throws {
        let recorded = try RecordedPlan(seed: 93)
        try recorded.recordOutput(lines: 40_000)
        try recorded.finish()
        let log = recorded.log, step = recorded.step
        // As many followers as the shared pool has threads, each writing into a client that never holds it back.
        let followers = max(2, ProcessInfo.processInfo.activeProcessorCount)
        // The body each response streams. A raw download's length is counted before (the router does that on a
        // queue of its own), so only the streaming itself shares the threads here.
        let body: @Sendable (ServerResponse.BodyWriter) async throws -> Void
        switch stream {
        case .events:
            // Each follower with a feed of its own: a shared one would let one follower read for all.
            body = { write in try await EventFeed.stream(log, after: 0, feeds: PlanFeeds(), write: write) }
        case .rawOutput:
            guard case .stream(let produce) = try RawOutput.response(log, step: step, rangeHeader: nil, lane: ReaderLane()).body else {
                Issue.record("raw output is not streamed")
                return
            }
            body = produce
        }
        let started = Count(), finished = Count()
        var finishedWhenLetIn = -1
        // Every task runs on one thread, so only the followers' own turns can let this task in: on the shared
        // pool, a loaded machine that does not schedule this task's thread would let a follower finish anyway.
        let oneThread = OneThreadExecutor()
        defer { oneThread.stop() }
        try await withTaskExecutorPreference(oneThread) {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<followers {
                    group.addTask {
                        let writes = Count()
                        try await body(ServerResponse.BodyWriter { _ in
                            if writes.current == 0 { started.add() }
                            writes.add()
                        })
                        finished.add()
                    }
                }
                while started.current < followers { await Task.yield() }
                finishedWhenLetIn = finished.current
                try await group.waitForAll()
            }
        }
        #expect(finishedWhenLetIn == 0, "this task ran only after \(finishedWhenLetIn) of \(followers) followers had read the whole log")
    }
}
