import NIOCore
import NIOHTTP1

/// The whole pipeline of a connection over `ConnectionLimit`: it answers 503 with `Retry-After` as soon as
/// the connection is open, through NIO's response encoder, without reading anything, and closes it. Its
/// output is closed first and its input drained for a moment, so the client reads the answer rather than
/// a reset caused by the request bytes it had already sent.
final class ConnectionRefusal: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = HTTPServerResponsePart

    /// How long the refused connection's input is drained before it is closed for good.
    static let drainTime = TimeAmount.seconds(1)
    private let message: String
    private var answered = false

    init(connectionsMax: Int) {
        message = "evlog serve has \(connectionsMax) connections open already (its limit); try again in a few seconds\n"
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { answer(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        answer(context)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {}

    private func answer(_ context: ChannelHandlerContext) {
        guard !answered else { return }
        answered = true
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "text/plain; charset=utf-8")
        headers.add(name: "Content-Length", value: String(message.utf8.count))
        headers.add(name: "Retry-After", value: "5")
        headers.add(name: "Connection", value: "close")
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .serviceUnavailable, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(string: message)))), promise: nil)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
            channel.close(mode: .output, promise: nil)
            channel.eventLoop.scheduleTask(in: Self.drainTime) { channel.close(promise: nil) }
        }
    }
}
