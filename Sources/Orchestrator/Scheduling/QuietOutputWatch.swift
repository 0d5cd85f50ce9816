import Dispatch
import InstallModel
import Synchronization

/// Says when a step's output has gone quiet: `quietMilliseconds` after its last output chunk with no
/// newer one, it delivers a `.quiet` signal, once per quiet spell. The recorder then releases what the
/// secret policy held back of an unfinished word, so a command that prints a partial line and waits
/// still has those bytes in the log within the flush bound.
final class QuietOutputWatch: Sendable {
    /// How long output must pause before held bytes are released; the writer's flush timer (FORMAT §3.3)
    /// then has them on disk within its own bound.
    static let quietMilliseconds = 150
    private let step: StepID
    private let clock: any EventClock
    private let deliver: @Sendable (StepSignal) -> Void
    /// Nanoseconds (monotonic) of the last output, and whether a check is scheduled.
    private let state = Mutex<(lastOutputNanos: UInt64, armed: Bool)>((0, false))

    init(step: StepID, clock: any EventClock, deliver: @escaping @Sendable (StepSignal) -> Void) {
        self.step = step
        self.clock = clock
        self.deliver = deliver
    }

    /// Notes an output chunk; schedules a check unless one is pending (one lock per chunk, no timer churn).
    func outputArrived() {
        let now = DispatchTime.now().uptimeNanoseconds
        let arm = state.withLock { state in
            state.lastOutputNanos = now
            defer { state.armed = true }
            return !state.armed
        }
        if arm { schedule(afterNanos: UInt64(Self.quietMilliseconds) * 1_000_000) }
    }

    private func schedule(afterNanos delay: UInt64) {
        DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(Int(delay))) { [self] in check() }
    }

    private func check() {
        let quietNanos = UInt64(Self.quietMilliseconds) * 1_000_000
        let now = DispatchTime.now().uptimeNanoseconds
        let remaining: UInt64? = state.withLock { state in
            let since = now &- state.lastOutputNanos
            if since >= quietNanos {
                state.armed = false
                return nil
            }
            return quietNanos - since
        }
        if let remaining {
            schedule(afterNanos: remaining)
        } else {
            deliver(StepSignal(step: step, time: clock.now(), kind: .quiet))
        }
    }
}
