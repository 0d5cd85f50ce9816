import Dispatch
import Foundation
import Synchronization

/// Runs reading work that blocks (a log read from disk, a whole-log search) on a dispatch thread (or one of
/// its own: `ownThread`), so the few threads of Swift's cooperative pool stay free for the event streams
/// being followed meanwhile. The work is given a "stop now?" check that turns true once the asking task is
/// cancelled (its client closed the connection), so a page or search nobody waits for any more stops early.
enum Blocking {
    static func run<T: Sendable>(ownThread: Bool = false, _ work: @escaping @Sendable (_ stopped: @Sendable () -> Bool) throws -> T) async throws -> T {
        let stop = StopFlag()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let job: @Sendable () -> Void = { continuation.resume(with: Result { try work { stop.isSet } }) }
                if ownThread { Thread(block: job).start() } else { DispatchQueue.global().async(execute: job) }
            }
        } onCancel: {
            stop.set()
        }
    }
}

/// A one-way flag set from one task and read from a blocking job's thread.
private final class StopFlag: Sendable {
    private let value = Mutex(false)
    var isSet: Bool { value.withLock { $0 } }
    func set() { value.withLock { $0 = true } }
}
