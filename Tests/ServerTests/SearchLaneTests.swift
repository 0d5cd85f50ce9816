import Foundation
import Synchronization
import Testing

@testable import Server

/// Whole-log searches run in a lane of their own: beyond a plan's limit or the lane's a search is turned
/// away (not queued behind the reads of other plans) while a search of another plan still runs, and a
/// search whose request is cancelled stops between events.
@Suite struct SearchLaneTests {
    @Test func aSearchBeyondItsPlansLimitIsTurnedAwayWhileOtherPlansAreSearched() async throws {
        for perPlan in 1...3 {
            let lane = SearchLane(perPlan: perPlan, total: perPlan + 2)
            let release = Gate()
            let started = Counter()
            let running = (0..<perPlan).map { _ in
                Task { try await lane.run(plan: "/plans/big") { _ in started.add(); release.wait(); return 1 } }
            }
            while started.value < perPlan { try await Task.sleep(for: .milliseconds(5)) }
            #expect(try await lane.run(plan: "/plans/big") { _ in 2 } == nil)
            // Another plan's search answers while the big plan's run on.
            #expect(try await lane.run(plan: "/plans/small") { _ in 5 } == 5)
            // The lane's own limit holds across plans.
            let others = (0..<2).map { index in
                Task { try await lane.run(plan: "/plans/other\(index)") { _ in started.add(); release.wait(); return 6 } }
            }
            for _ in 0..<1000 where started.value < perPlan + 2 { try await Task.sleep(for: .milliseconds(5)) }
            #expect(started.value == perPlan + 2, "searches of two other plans did not both start")
            #expect(try await lane.run(plan: "/plans/small") { _ in 7 } == nil)
            release.open()
            for task in running { #expect(try await task.value == 1) }
            for task in others { #expect(try await task.value == 6) }
            #expect(try await lane.run(plan: "/plans/big") { _ in 3 } == 3)
        }
    }

    @Test func aCancelledSearchSeesItShouldStop() async throws {
        let lane = SearchLane(perPlan: 1)
        let started = Counter()
        let search = Task {
            try await lane.run(plan: "/plans/p") { stopped in
                started.add()
                while !stopped() { Thread.sleep(forTimeInterval: 0.005) }
                throw CancellationError()
            }
        }
        while started.value < 1 { try await Task.sleep(for: .milliseconds(5)) }
        search.cancel()
        await #expect(throws: CancellationError.self) { try await search.value }
        #expect(try await lane.run(plan: "/plans/p") { _ in 4 } == 4)
    }
}

private final class Gate: Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    private let opened = Mutex(false)
    func wait() {
        semaphore.wait()
        semaphore.signal()
    }
    func open() {
        guard opened.withLock({ let was = $0; $0 = true; return !was }) else { return }
        semaphore.signal()
    }
}

private final class Counter: Sendable {
    private let count = Mutex(0)
    var value: Int { count.withLock { $0 } }
    func add() { count.withLock { $0 += 1 } }
}
