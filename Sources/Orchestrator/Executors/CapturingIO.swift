import InstallModel
import Synchronization

/// Keeps (a bounded amount of) a command's output for the executor to read, and passes it on.
public final class CapturingIO: StepIO {
    public static let capturedBytesMax = 256 * 1024
    private let inner: any StepIO
    private let channels: Set<OutputChannel>
    private let captured = Mutex<(bytes: [UInt8], overflowed: Bool)>(([], false))

    /// Captures what `channels` carry (both by default), forwarding all of it to `inner`.
    public init(forwardingTo inner: any StepIO, channels: Set<OutputChannel> = Set(OutputChannel.allCases)) {
        self.inner = inner
        self.channels = channels
    }

    public func emit(_ stream: OutputChannel, _ bytes: [UInt8]) {
        if channels.contains(stream) {
            captured.withLock { buffer in
                let room = CapturingIO.capturedBytesMax - buffer.bytes.count
                if room > 0 { buffer.bytes.append(contentsOf: bytes.prefix(room)) }
                if bytes.count > room { buffer.overflowed = true }
            }
        }
        inner.emit(stream, bytes)
    }

    public func elapse(microseconds: Int64) { inner.elapse(microseconds: microseconds) }
    public func commandStarted(_ argv: [String], process: ProcessIdentity?) { inner.commandStarted(argv, process: process) }
    public func commandFinished(_ result: CommandResult) { inner.commandFinished(result) }
    public func waitForRoom() async { await inner.waitForRoom() }
    public func pause(microseconds: Int64) async { await inner.pause(microseconds: microseconds) }

    public var text: String { String(decoding: captured.withLock { $0.bytes }, as: UTF8.self) }

    /// Whether more than `capturedBytesMax` bytes came, so `text` is not all of it.
    public var overflowed: Bool { captured.withLock { $0.overflowed } }
}
