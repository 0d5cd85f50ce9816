import InstallModel
import Synchronization

/// The plans this server is starting or resuming now: a second start or resume of one of them (two clicks, two
/// tabs, a script posting twice) is refused at once, before a second `evlog` process is spawned to be refused
/// by the plan's writer lock while the first is still deciding, whose events the second request would take
/// for its own.
final class LaunchGate: Sendable {
    private let busy = Mutex<Set<PlanID>>([])

    /// Runs `launch` unless `plan` is being started or resumed already (then a 409 says so).
    func run<T>(_ plan: PlanID, _ launch: () async throws -> T) async throws -> T {
        guard busy.withLock({ $0.insert(plan).inserted }) else {
            throw ServeError(409, "plan \(plan) is being started or resumed by another request; reload its page in a moment")
        }
        defer { busy.withLock { _ = $0.remove(plan) } }
        return try await launch()
    }
}
