import NIOCore

/// Sits before the HTTP decoder and tells the handlers after it (`RequestReadDeadline`) that bytes came
/// in, before they are parsed: a request's deadline counts from its first byte, which the decoder does
/// not show until the whole head is there.
final class RequestBytesNotice: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    /// The event passed on for each read.
    struct BytesArrived {}

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        context.fireUserInboundEventTriggered(BytesArrived())
        context.fireChannelRead(data)
    }
}
