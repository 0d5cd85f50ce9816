import Dispatch

/// Runs reading work that blocks (a log read from disk, a whole-log search) on a dispatch thread, so the
/// few threads of Swift's cooperative pool stay free for the event streams being followed meanwhile.
enum Blocking {
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }
}
