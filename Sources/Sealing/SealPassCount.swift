import Synchronization

/// How many whole-file passes `SealVerifier.verify(path:)` made in the task that set `SealVerifier.passes`: the seam a
/// test counts with to show which readers pay for one (review15 R7: a row of `list` or `/api/plans` does not).
public final class SealPassCount: Sendable {
    private let value = Mutex(0)

    public init() {}

    /// The passes counted so far.
    public var count: Int { value.withLock { $0 } }

    func add() { value.withLock { $0 += 1 } }
}

extension SealVerifier {
    /// Set by a test around the readers it measures; nil everywhere else (nothing is counted).
    @TaskLocal public static var passes: SealPassCount?
}
