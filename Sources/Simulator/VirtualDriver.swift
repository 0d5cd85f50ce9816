import InstallModel
import Orchestrator
import Synchronization

/// Runs simulated steps on a virtual clock, one at a time, and hands back their signals in virtual-time
/// order (ties: the step started first, then emission order). Nothing here reads real time or races, so
/// the same plan, fixtures and seed give the same events, byte for byte.
///
/// A step's body runs to completion when the driver next needs a signal; simulated commands never
/// block, they `elapse` virtual time, which stamps their output at start + elapsed.
public final class VirtualDriver: ExecutionDriver, @unchecked Sendable {
    private struct Pending {
        var step: StepID
        var order: Int
        var startedAt: Timestamp
        var body: StepBody
    }
    private struct Queued: Comparable {
        var signal: StepSignal
        var order: Int
        var index: Int
        static func < (a: Queued, b: Queued) -> Bool {
            (a.signal.time, a.order, a.index) < (b.signal.time, b.order, b.index)
        }
        static func == (a: Queued, b: Queued) -> Bool { a.order == b.order && a.index == b.index }
    }

    public let clock: VirtualClock
    private var pending: [Pending] = []
    private var queue: [Queued] = []
    private var started = 0
    private var runningCount = 0
    private let cancelled = Mutex(false)

    public init(clock: VirtualClock) { self.clock = clock }

    public var now: Timestamp { clock.now() }

    public func start(_ step: StepID, body: @escaping StepBody) {
        pending.append(Pending(step: step, order: started, startedAt: clock.now(), body: body))
        started += 1
        runningCount += 1
    }

    public func next() async -> StepSignal? {
        await runPending()
        guard runningCount > 0, let index = queue.indices.min(by: { queue[$0] < queue[$1] }) else { return nil }
        let next = queue.remove(at: index)
        clock.advance(to: next.signal.time)
        if case .finished = next.signal.kind { runningCount -= 1 }
        return next.signal
    }

    /// Cancellation in a simulation: steps that have not run yet end as interrupted.
    public func cancelAll() { cancelled.withLock { $0 = true } }

    private func runPending() async {
        while !pending.isEmpty {
            let work = pending.removeFirst()
            let collected = Mutex<[StepSignal]>([])
            let startedAt = work.startedAt
            let io = SignallingStepIO(
                step: work.step,
                timeSource: { startedAt.adding(microseconds: $0) },
                deliver: { signal in collected.withLock { $0.append(signal) } })
            let outcome = cancelled.withLock { $0 } ? StepOutcome.interrupted : await work.body(io)
            io.finish(outcome)
            for (index, signal) in collected.withLock({ $0 }).enumerated() {
                queue.append(Queued(signal: signal, order: work.order, index: index))
            }
        }
    }
}
