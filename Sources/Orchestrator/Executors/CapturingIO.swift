import InstallModel
import Synchronization

/// Keeps (a bounded amount of) a command's output for the executor to read, and passes it on.
public final class CapturingIO: StepIO {
    public static let capturedBytesMax = 256 * 1024
    private let inner: any StepIO
    private let captured = Mutex<[UInt8]>([])

    public init(forwardingTo inner: any StepIO) { self.inner = inner }

    public func emit(_ stream: OutputChannel, _ bytes: [UInt8]) {
        captured.withLock { buffer in
            let room = CapturingIO.capturedBytesMax - buffer.count
            if room > 0 { buffer.append(contentsOf: bytes.prefix(room)) }
        }
        inner.emit(stream, bytes)
    }

    public func elapse(microseconds: Int64) { inner.elapse(microseconds: microseconds) }
    public func commandStarted(_ argv: [String], process: ProcessIdentity?) { inner.commandStarted(argv, process: process) }
    public func commandFinished(_ result: CommandResult) { inner.commandFinished(result) }
    public func waitForRoom() async { await inner.waitForRoom() }
    public func pause(microseconds: Int64) async { await inner.pause(microseconds: microseconds) }

    public var text: String { String(decoding: captured.withLock { $0 }, as: UTF8.self) }
}
