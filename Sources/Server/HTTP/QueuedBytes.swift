import NIOCore
import Synchronization

/// How many bytes of responses each connection has handed to SwiftNIO that the socket has not taken yet
/// (`Counter`, first in every connection's pipeline), and the most any one connection had at once: what a
/// client that stops reading costs the server (serve14 #5: such followers held megabytes each). The
/// server writes a streamed body only while its connection is below SwiftNIO's high-water mark
/// (`HTTPServer`), so this stays near that mark however many clients stall.
public final class QueuedBytes: Sendable {
    private let peak = Atomic<Int>(0)

    public init() {}

    /// The most bytes one connection held queued at once, since the server started.
    public var peakPerConnection: Int { peak.load(ordering: .relaxed) }

    /// The counter of one connection.
    func counter() -> Counter { Counter(self) }

    /// Counts a connection's queued bytes: each written buffer from its write to its completion (taken by
    /// the socket, or failed when the connection closes).
    final class Counter: ChannelOutboundHandler {
        typealias OutboundIn = IOData
        typealias OutboundOut = IOData

        private let shared: QueuedBytes
        private var queued = 0

        init(_ shared: QueuedBytes) {
            self.shared = shared
        }

        func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
            let bytes = unwrapOutboundIn(data).readableBytes
            queued += bytes
            shared.peak.max(queued, ordering: .relaxed)
            let done = promise ?? context.eventLoop.makePromise()
            done.futureResult.whenComplete { [self] _ in queued -= bytes }
            context.write(data, promise: done)
        }
    }
}
