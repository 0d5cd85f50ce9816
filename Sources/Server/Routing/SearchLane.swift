import Foundation
import Synchronization

/// The lane whole-log searches run in: at most `limit` at once per server, each on a thread of its own, so
/// the shared dispatch pool stays free for page and event reads of every other plan. A search beyond the
/// limit is not queued (it answers 503, try again); a running search stops, between events, once its
/// request's task is cancelled.
final class SearchLane: Sendable {
    let limit: Int
    private let running = Mutex(0)

    init(limit: Int = 2) {
        self.limit = limit
    }

    /// Runs `work` (given a "stop now?" check) on its own thread; nil when `limit` searches already run.
    func run<T: Sendable>(_ work: @escaping @Sendable (_ stopped: @Sendable () -> Bool) throws -> T) async throws -> T? {
        guard running.withLock({ count in
            guard count < limit else { return false }
            count += 1
            return true
        }) else { return nil }
        defer { running.withLock { $0 -= 1 } }
        let stop = StopFlag()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                Thread { continuation.resume(with: Result { try work { stop.isSet } }) }.start()
            }
        } onCancel: {
            stop.set()
        }
    }
}

/// A one-way flag set from one task and read from a search's thread.
private final class StopFlag: Sendable {
    private let value = Mutex(false)
    var isSet: Bool { value.withLock { $0 } }
    func set() { value.withLock { $0 = true } }
}
