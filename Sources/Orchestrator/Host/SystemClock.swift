import Foundation
import Synchronization
import InstallModel

/// The real clock: wall time in microseconds, never going backwards within a process.
public final class SystemClock: EventClock {
    private let last = Mutex(Int64.min)
    public init() {}
    public func now() -> Timestamp {
        let reading = Int64((Date().timeIntervalSince1970 * 1_000_000).rounded())
        return Timestamp(microseconds: last.withLock { previous in
            previous = max(previous, reading)
            return previous
        })
    }
}
