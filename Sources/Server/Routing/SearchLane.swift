import Synchronization

/// The lane whole-log searches run in, each on a thread of its own, so the shared dispatch pool stays free
/// for page and event reads: at most `perPlan` at once of one plan (a big plan's long searches do not
/// take every place) and `total` in all. A search beyond either limit is not queued (it answers 503, try
/// again); a running search stops, between events, once its request's task is cancelled.
final class SearchLane: Sendable {
    let perPlan: Int
    let total: Int
    private let running = Mutex<[String: Int]>([:])

    init(perPlan: Int = 2, total: Int = 8) {
        self.perPlan = perPlan
        self.total = total
    }

    /// Runs `work` (given a "stop now?" check) on its own thread; nil when `plan` has `perPlan` searches
    /// running already, or the lane `total`.
    func run<T: Sendable>(plan: String, _ work: @escaping @Sendable (_ stopped: @Sendable () -> Bool) throws -> T) async throws -> T? {
        guard running.withLock({ counts in
            guard counts[plan, default: 0] < perPlan, counts.values.reduce(0, +) < total else { return false }
            counts[plan, default: 0] += 1
            return true
        }) else { return nil }
        defer {
            running.withLock { counts in
                counts[plan, default: 1] -= 1
                if counts[plan] == 0 { counts[plan] = nil }
            }
        }
        return try await Blocking.run(ownThread: true, work)
    }
}
