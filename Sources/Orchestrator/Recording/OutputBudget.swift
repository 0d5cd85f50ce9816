import Synchronization

/// Bounds the output that has been read from running commands but not yet recorded: when it is full,
/// readers wait, the pipes fill, and the commands block — memory stays flat however fast they print.
public final class OutputBudget: Sendable {
    /// Bytes in flight before readers wait.
    public let bytesMax: Int
    private let state = Mutex<(bytes: Int, waiters: [CheckedContinuation<Void, Never>])>((0, []))

    public init(bytesMax: Int) { self.bytesMax = bytesMax }

    /// Counts bytes handed on to the recorder.
    public func add(_ count: Int) { state.withLock { $0.bytes += count } }

    /// The recorder took `count` bytes: wake the readers once there is room.
    public func release(_ count: Int) {
        let ready = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.bytes -= count
            guard state.bytes < bytesMax else { return [] }
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in ready { waiter.resume() }
    }

    /// Returns at once while there is room, else when the recorder has caught up.
    public func waitForRoom() async {
        await withCheckedContinuation { continuation in
            let resumeNow = state.withLock { state -> Bool in
                guard state.bytes >= bytesMax else { return true }
                state.waiters.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }
}
