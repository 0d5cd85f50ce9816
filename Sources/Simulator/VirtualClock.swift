import InstallModel
import Synchronization

/// A clock that only moves when the simulation moves it.
public final class VirtualClock: EventClock {
    private let current: Mutex<Timestamp>
    public init(start: Timestamp) { current = Mutex(start) }
    public func now() -> Timestamp { current.withLock { $0 } }
    /// Moves to `time`; never backwards.
    public func advance(to time: Timestamp) { current.withLock { $0 = max($0, time) } }
}

/// A clock that fails the run if anything reads it: proves a path takes its time from elsewhere.
public struct UnreadableClock: EventClock {
    public init() {}
    public func now() -> Timestamp {
        preconditionFailure("UnreadableClock was read: this code path must take time from the virtual driver")
    }
}
