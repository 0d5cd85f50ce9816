import Foundation
import Synchronization
import Testing

@testable import Server

/// Whole-log searches run in a lane of their own: beyond its limit a search is turned away (not queued
/// behind the reads of other plans), and a search whose request is cancelled stops between events.
@Suite struct SearchLaneTests {
    @Test func aSearchBeyondTheLimitIsTurnedAwayWhileTheOthersRun() async throws {
        for limit in 1...3 {
            let lane = SearchLane(limit: limit)
            let release = Gate()
            let started = Counter()
            let running = (0..<limit).map { _ in
                Task { try await lane.run { _ in started.add(); release.wait(); return 1 } }
            }
            while started.value < limit { try await Task.sleep(for: .milliseconds(5)) }
            #expect(try await lane.run { _ in 2 } == nil)
            release.open()
            for task in running { #expect(try await task.value == 1) }
            #expect(try await lane.run { _ in 3 } == 3)
        }
    }

    @Test func aCancelledSearchSeesItShouldStop() async throws {
        let lane = SearchLane(limit: 1)
        let started = Counter()
        let search = Task {
            try await lane.run { stopped in
                started.add()
                while !stopped() { Thread.sleep(forTimeInterval: 0.005) }
                throw CancellationError()
            }
        }
        while started.value < 1 { try await Task.sleep(for: .milliseconds(5)) }
        search.cancel()
        await #expect(throws: CancellationError.self) { try await search.value }
        #expect(try await lane.run { _ in 4 } == 4)
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
