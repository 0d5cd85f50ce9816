import NIOCore
import NIOHTTP1

/// Closes a connection whose request is not read in full within `limit` of its first byte (of the
/// connection opening, for its first request), however it trickles in: a client that drips a header
/// byte every few seconds keeps the idle time-out from firing; this one it cannot reset. Between two
/// requests a keep-alive connection may stay quiet for `idleLimit` (longer: a browser keeps its
/// connections for the next click) before it is closed. Not armed while a response is being written,
/// so a long event stream is never cut by it.
final class RequestReadDeadline: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private let limit: TimeAmount
    private let idleLimit: TimeAmount
    private var deadline: Scheduled<Void>?
    /// Whether the armed deadline is the idle wait between requests (the next byte starts a request's).
    private var idle = false
    private var requestsRead = 0
    private var responsesEnded = 0

    init(limit: TimeAmount, idleLimit: TimeAmount) {
        self.limit = limit
        self.idleLimit = idleLimit
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { arm(context, limit, idle: false) }
    }

    func channelActive(context: ChannelHandlerContext) {
        if deadline == nil { arm(context, limit, idle: false) }
        context.fireChannelActive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is RequestBytesNotice.BytesArrived {
            if idle { arm(context, limit, idle: false) }
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
            if responsesEnded >= requestsRead { arm(context, idleLimit, idle: true) }
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
