import Synchronization

/// A request to stop a running plan (SIGINT, SIGTERM), settable from any thread.
///
/// The runner stops starting steps, the driver stops the running ones (their process trees end), and
/// the plan is recorded as interrupted with the signal's name.
public final class Interruption: Sendable {
    private let signalName = Mutex<String?>(nil)
    private let driver = Mutex<(any ExecutionDriver)?>(nil)

    public init() {}

    /// The first signal that asked to stop, if any.
    public var requested: String? { signalName.withLock { $0 } }

    public func request(_ name: String) {
        signalName.withLock { $0 = $0 ?? name }
        driver.withLock { $0 }?.cancelAll()
    }

    func attach(_ running: any ExecutionDriver) {
        driver.withLock { $0 = running }
        if requested != nil { running.cancelAll() }
    }
}
