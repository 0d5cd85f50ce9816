import InstallModel

/// A seeded fault: the process "crashes" right after recording event number `afterEvent`.
///
/// `action` is what a crash is: the CLI kills its own process with SIGKILL (nothing is flushed beyond the
/// last sync); tests throw `SimulatedCrash` and keep only the store's synced records.
public struct CrashInjection: Sendable {
    public var afterEvent: UInt64
    public var action: @Sendable () throws -> Void
    public init(afterEvent: UInt64, action: @escaping @Sendable () throws -> Void) {
        self.afterEvent = afterEvent
        self.action = action
    }
}

/// Thrown by a test's crash action to stop a run the way a SIGKILL would.
public struct SimulatedCrash: Error, Equatable {
    public var afterEvent: UInt64
    public init(afterEvent: UInt64) { self.afterEvent = afterEvent }
}
