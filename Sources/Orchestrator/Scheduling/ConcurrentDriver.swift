import InstallModel
import Synchronization

/// Runs steps concurrently on real time; signals come back in arrival order, stamped by `clock`.
///
/// `start` and `next` are called by the one task that runs the plan; `cancelAll` may come from any
/// thread (a signal handler's task), so the task table is behind a lock. That split is why this
/// class is `@unchecked Sendable`.
public final class ConcurrentDriver: ExecutionDriver, @unchecked Sendable {
    private let clock: any EventClock
    private let continuation: AsyncStream<StepSignal>.Continuation
    private var iterator: AsyncStream<StepSignal>.Iterator
    private let tasks = Mutex<[StepID: Task<Void, Never>]>([:])
    private var runningCount = 0
    /// Output read but not yet recorded, at most this much (RSS stays flat on a 1 GB `cat`).
    private let budget = OutputBudget(bytesMax: 8 << 20)

    public init(clock: any EventClock) {
        self.clock = clock
        let (stream, continuation) = AsyncStream.makeStream(of: StepSignal.self)
        self.continuation = continuation
        iterator = stream.makeAsyncIterator()
    }

    public var now: Timestamp { clock.now() }

    public func start(_ step: StepID, body: @escaping StepBody) {
        runningCount += 1
        let clock = clock
        let continuation = continuation
        let quiet = QuietOutputWatch(step: step, clock: clock) { continuation.yield($0) }
        let io = SignallingStepIO(
            step: step, timeSource: { _ in clock.now() }, budget: budget, realTime: true,
            deliver: { signal in
                continuation.yield(signal)
                if case .output = signal.kind { quiet.outputArrived() }
            })
        let task = Task { io.finish(await body(io)) }
        tasks.withLock { $0[step] = task }
    }

    public func next() async -> StepSignal? {
        guard runningCount > 0, let signal = await iterator.next() else { return nil }
        if case .output(_, let bytes) = signal.kind { budget.release(bytes.count) }
        if case .finished = signal.kind {
            runningCount -= 1
            _ = tasks.withLock { $0.removeValue(forKey: signal.step) }
        }
        return signal
    }

    public func cancelAll() {
        tasks.withLock { tasks in for task in tasks.values { task.cancel() } }
    }
}
