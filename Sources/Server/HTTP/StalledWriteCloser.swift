import NIOCore
import Synchronization

/// Closes a connection whose client has taken none of what is queued for it for `timeout`: a client that
/// stops reading a page, a download or an event stream would otherwise keep its bytes, its place among the
/// large bodies (`LargeBodies`) and its socket until the idle time-out (two minutes). Each write queued arms
/// the wait if none is armed; each one the socket takes restarts it while bytes remain, and ends it when none
/// do. A slow client that keeps taking bytes is never cut; a closed event stream is resumed by the browser
/// (`Last-Event-ID`), a download by `Range`.
final class StalledWriteCloser: ChannelOutboundHandler {
    typealias OutboundIn = IOData
    typealias OutboundOut = IOData

    /// How many connections the closers of one server closed.
    final class Count: Sendable {
        private let closed = Atomic<Int>(0)
        var value: Int { closed.load(ordering: .relaxed) }
        func add() { closed.add(1, ordering: .relaxed) }
    }

    private let timeout: TimeAmount
    private let count: Count
    private var queued = 0
    private var deadline: Scheduled<Void>?

    init(timeout: TimeAmount, count: Count) {
        self.timeout = timeout
        self.count = count
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let bytes = unwrapOutboundIn(data).readableBytes
        queued += bytes
        if deadline == nil { arm(context) }
        let done = promise ?? context.eventLoop.makePromise()
        done.futureResult.whenComplete { [self] _ in
            queued -= bytes
            // A write failed by the close is no progress: nothing is armed for a closed connection.
            if queued > 0, context.channel.isActive { arm(context) } else { disarm() }
        }
        context.write(data, promise: done)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        disarm()
    }

    private func arm(_ context: ChannelHandlerContext) {
        deadline?.cancel()
        let channel = context.channel
        deadline = context.eventLoop.scheduleTask(in: timeout) { [count] in
            count.add()
            channel.close(promise: nil)
        }
    }

    private func disarm() {
        deadline?.cancel()
        deadline = nil
    }
}
