import NIOCore
import NIOHTTP1

/// Closes a connection whose request is not read in full within `limit` of its first byte (of the
/// connection opening, for its first request), however it trickles in: a client that drips a header
/// byte every few seconds keeps the idle time-out from firing; this one it cannot reset. Between two
/// requests a keep-alive connection may stay quiet for `Waits.idle` (longer: a browser keeps its
/// connections for the next click) before it is closed. While the server is crowded (`ConnectionLimit`),
/// both the wait for a new connection's first request and the one between requests are `Waits.crowded`,
/// so idle connections make way. Not armed while a response is being written, so a long event stream is
/// never cut by it.
final class RequestReadDeadline: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    /// How long each wait may last.
    struct Waits {
        /// A request, from its first byte (the connection opening, for the first) to its end.
        var request: TimeAmount
        /// A keep-alive connection for its next request.
        var idle: TimeAmount
        /// A new or keep-alive connection for its next request while the server is crowded.
        var crowded: TimeAmount
    }

    private let waits: Waits
    private let isCrowded: @Sendable () -> Bool
    private var deadline: Scheduled<Void>?
    /// Whether the armed deadline is the idle wait between requests (the next byte starts a request's).
    private var idle = false
    private var requestsRead = 0
    private var responsesEnded = 0

    init(_ waits: Waits, isCrowded: @escaping @Sendable () -> Bool = { false }) {
        self.waits = waits
        self.isCrowded = isCrowded
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { arm(context, firstWait, idle: false) }
    }

    func channelActive(context: ChannelHandlerContext) {
        if deadline == nil { arm(context, firstWait, idle: false) }
        context.fireChannelActive()
    }

    /// A new connection's first request: its whole deadline, shortened while the server is crowded.
    private var firstWait: TimeAmount { isCrowded() ? min(waits.request, waits.crowded) : waits.request }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is RequestBytesNotice.BytesArrived {
            if idle { arm(context, waits.request, idle: false) }
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .end = unwrapInboundIn(data) {
            requestsRead += 1
            disarm()
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            responsesEnded += 1
            if responsesEnded >= requestsRead { arm(context, isCrowded() ? min(waits.idle, waits.crowded) : waits.idle, idle: true) }
        }
        context.write(data, promise: promise)
    }

    func channelInactive(context: ChannelHandlerContext) {
        disarm()
        context.fireChannelInactive()
    }

    private func arm(_ context: ChannelHandlerContext, _ time: TimeAmount, idle: Bool) {
        deadline?.cancel()
        self.idle = idle
        let channel = context.channel
        deadline = context.eventLoop.scheduleTask(in: time) { channel.close(promise: nil) }
    }

    private func disarm() {
        deadline?.cancel()
        deadline = nil
        idle = false
    }
}
