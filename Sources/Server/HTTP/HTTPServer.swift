import NIOCore
import NIOHTTP1
import NIOPosix

/// The HTTP/1.1 server under `evlog serve`: SwiftNIO parses and frames; each connection's requests are
/// answered in order by `respond`, bodies streamed with the channel's back-pressure. A request is
/// admitted on its head alone (`admit`: the token, the host) and by its declared length, before any of
/// its body is read: a refusal is sent at once and the connection closed with the body unread. At most
/// `connectionsMax` connections are open at once (`ConnectionLimit`): one more takes the place of the oldest
/// that has not had a request let in, or, when all have, is answered 503 and closed.
public final class HTTPServer: Sendable {
    /// Bytes of request body read at most (forms and small JSON); more is refused with 413.
    public static let requestBodyBytesMax = 64 << 10

    private let group: MultiThreadedEventLoopGroup
    /// A connection as `run` serves it; nil for one refused over the connection limit (`ConnectionRefusal` answers it).
    private typealias Connection = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>?
    private let channel: NIOAsyncChannel<Connection, Never>

    /// The port bound (the one asked for, or the one the system chose for port 0).
    public let port: Int
    /// What the connections hold queued for their clients (`QueuedBytes`).
    public let queued = QueuedBytes()
    /// Connections closed because their client took nothing for `stalledWriteTimeout` (`StalledWriteCloser`).
    public var stalledConnectionsClosed: Int { stalledClosed.value }
    private let stalledClosed = StalledWriteCloser.Count()
    /// The connections open (`ConnectionLimit`).
    private let limit: ConnectionLimit
    /// The large bodies at hand being written (`LargeBodies`).
    public let largeBodies: LargeBodies
    /// Large bodies written at once at most; one more is answered 503.
    public static let largeBodiesMax = 16
    /// A streamed body is written in pieces of at most this many bytes, each once the connection is below its
    /// high-water mark: a client that stops reading holds about the mark and a piece or two queued.
    static let streamPieceBytesMax = 32 << 10

    /// A connection that neither sends nor is sent anything for this long is closed (a half-open or silent
    /// client would otherwise hold a socket forever); event streams send a keep-alive well within it.
    public static let idleTimeout = TimeAmount.seconds(120)
    /// A request (head and body) must be read in full within this long of its first byte (of the connection
    /// opening, for the first), however it trickles in (`RequestReadDeadline`).
    public static let requestReadTimeout = TimeAmount.seconds(10)
    /// A connection whose client takes none of the bytes queued for it for this long is closed (`StalledWriteCloser`).
    public static let stalledWriteTimeout = TimeAmount.seconds(30)
    /// A keep-alive connection may wait this long for its next request (within `idleTimeout`).
    public static let keepAliveTimeout = TimeAmount.seconds(60)
    /// Connections open at once at most (`ConnectionLimit`).
    public static let connectionsMax = 256
    /// Once the server is crowded (`ConnectionLimit.isCrowded`), a keep-alive connection waits this long for
    /// its next request, and a new one this long for its first, instead of `keepAliveTimeout` and `requestReadTimeout`.
    public static let crowdedWaitTimeout = TimeAmount.seconds(2)

    /// Binds `host:port`; the server answers nothing until `run`. `sendBufferBytes` fixes each connection's
    /// socket send buffer (by default the kernel sizes it, up to megabytes on loopback).
    public init(
        host: String, port: Int, idleTimeout: TimeAmount = HTTPServer.idleTimeout, requestReadTimeout: TimeAmount = HTTPServer.requestReadTimeout,
        keepAliveTimeout: TimeAmount = HTTPServer.keepAliveTimeout, connectionsMax: Int = HTTPServer.connectionsMax,
        crowdedWaitTimeout: TimeAmount = HTTPServer.crowdedWaitTimeout, largeBodiesMax: Int = HTTPServer.largeBodiesMax,
        stalledWriteTimeout: TimeAmount = HTTPServer.stalledWriteTimeout, sendBufferBytes: Int? = nil
    ) async throws {
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        largeBodies = LargeBodies(max: largeBodiesMax)
        let limit = ConnectionLimit(max: connectionsMax)
        self.limit = limit
        let queued = queued
        let stalledClosed = stalledClosed
        var bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 1)
        if let sendBufferBytes { bootstrap = bootstrap.childChannelOption(.socketOption(.so_sndbuf), value: SocketOptionValue(sendBufferBytes)) }
        channel = try await bootstrap
            .bind(host: host, port: port) { child in
                child.eventLoop.makeCompletedFuture { () -> Connection in
                    guard limit.take(child) else {
                        try child.pipeline.syncOperations.addHandlers([HTTPResponseEncoder(), ConnectionRefusal(connectionsMax: limit.max)])
                        return nil
                    }
                    child.closeFuture.whenComplete { _ in limit.give(child) }
                    try child.pipeline.syncOperations.addHandlers([queued.counter(), StalledWriteCloser(timeout: stalledWriteTimeout, count: stalledClosed)])
                    try child.pipeline.syncOperations.addHandlers([IdleStateHandler(allTimeout: idleTimeout), IdleConnectionCloser(), RequestBytesNotice()])
                    try child.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    let waits = RequestReadDeadline.Waits(request: requestReadTimeout, idle: keepAliveTimeout, crowded: crowdedWaitTimeout)
                    try child.pipeline.syncOperations.addHandler(RequestReadDeadline(waits, isCrowded: { limit.isCrowded }))
                    return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(wrappingChannelSynchronously: child)
                }
            }
        self.port = channel.channel.localAddress?.port ?? port
    }

    /// Whether a request may be read on: nil to go on, or the refusal to send instead. Given the request
    /// without its body, which is not read yet.
    public typealias Admission = @Sendable (ServerRequest) -> ServerResponse?

    /// Accepts connections until the listening socket is closed, answering each request `admit` lets
    /// in with `respond`.
    public func run(admitting admit: @escaping Admission = { _ in nil }, _ respond: @escaping @Sendable (ServerRequest) async -> ServerResponse) async throws {
        try await withThrowingDiscardingTaskGroup { tasks in
            try await channel.executeThenClose { connections in
                for try await connection in connections {
                    guard let connection else { continue }
                    tasks.addTask { [largeBodies, limit] in
                        await Self.serve(connection, limit: limit, largeBodies: largeBodies, admit: admit, respond: respond)
                    }
                }
            }
        }
        try? await group.shutdownGracefully()
    }

    /// Stops listening; `run` returns once the open connections have ended.
    public func close() async {
        try? await channel.channel.close()
    }

    private static func serve(
        _ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, limit: ConnectionLimit, largeBodies: LargeBodies,
        admit: @escaping Admission, respond: @escaping @Sendable (ServerRequest) async -> ServerResponse
    ) async {
        try? await connection.executeThenClose { inbound, outbound in
            var head: HTTPRequestHead?
            var request: ServerRequest?
            for try await part in inbound {
                switch part {
                case .head(let next):
                    let admitted = ServerRequest(method: next.method.rawValue, target: next.uri, headers: next.headers.map { ($0.name, $0.value) })
                    if let refusal = admit(admitted) ?? lengthRefusal(next.headers) {
                        _ = try await write(refusal, to: outbound, on: connection.channel, largeBodies: largeBodies, version: next.version, keepAlive: false)
                        return
                    }
                    limit.prove(connection.channel)
                    (head, request) = (next, admitted)
                case .body(let buffer):
                    // A chunked body declares no length: it is cut off where it passes the limit.
                    guard (request?.body.count ?? 0) + buffer.readableBytes <= requestBodyBytesMax else {
                        _ = try await write(tooLarge, to: outbound, on: connection.channel, largeBodies: largeBodies, version: head?.version ?? .http1_1, keepAlive: false)
                        return
                    }
                    request?.body += Array(buffer.readableBytesView)
                case .end:
                    guard let head, let admitted = request else { continue }
                    request = nil
                    let response = await answer(admitted, on: connection.channel, respond: respond)
                    let keepAlive = try await write(response, to: outbound, on: connection.channel, largeBodies: largeBodies, version: head.version, keepAlive: head.isKeepAlive)
                    if !keepAlive { return }
                }
            }
        }
    }

    private static var tooLarge: ServerResponse { .refusal(413, "the request body is over \(requestBodyBytesMax) bytes") }

    /// 413 for a `Content-Length` over the limit, before a byte of the body is read.
    private static func lengthRefusal(_ headers: HTTPHeaders) -> ServerResponse? {
        guard let length = headers.first(name: "content-length"), (Int(length) ?? .max) > requestBodyBytesMax else { return nil }
        return tooLarge
    }

    /// `respond(request)`, cancelled once the client closes the connection (a long search stops when its tab does).
    private static func answer(_ request: ServerRequest, on channel: any Channel, respond: @escaping @Sendable (ServerRequest) async -> ServerResponse) async -> ServerResponse {
        let answering = Task { await respond(request) }
        channel.closeFuture.whenComplete { _ in answering.cancel() }
        return await withTaskCancellationHandler { await answering.value } onCancel: { answering.cancel() }
    }

    /// Writes a piece of a streamed body, `streamPieceBytesMax` at a time, each after the event loop has
    /// taken the one before. SwiftNIO takes a write whatever its connection holds (its writability is advice,
    /// which the outbound writer follows only once the loop has seen the writes before): without waiting for
    /// the loop, a producer faster than the loop queued its whole stream for a client that did not read
    /// (serve14 #5). After the wait the writer knows whether the connection is over its high-water mark, and
    /// the next write waits until it is not.
    private static func writeBody(_ piece: [UInt8], to outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>, on channel: any Channel) async throws {
        var start = piece.startIndex
        while start < piece.endIndex {
            let end = min(piece.endIndex, start + streamPieceBytesMax)
            try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: piece[start..<end]))))
            try await channel.eventLoop.submit {}.get()
            start = end
        }
    }

    /// Writes `response` on `channel`; returns whether the connection may carry another request.
    private static func write(
        _ response: ServerResponse, to outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>,
        on channel: any Channel, largeBodies: LargeBodies, version: HTTPVersion, keepAlive: Bool
    ) async throws -> Bool {
        var response = response
        var large = false
        if case .bytes(let bytes) = response.body, bytes.count > streamPieceBytesMax {
            large = largeBodies.take()
            if !large { response = largeBodies.refusal }
        }
        defer { if large { largeBodies.give() } }
        var headers = HTTPHeaders(response.headers)
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")  // "no-referrer" would make form posts say `Origin: null`
        // No page of another origin (any other port on 127.0.0.1 included) may frame these pages and click through them.
        headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        headers.replaceOrAdd(name: "Content-Security-Policy", value: "frame-ancestors 'none'")
        switch response.body {
        case .bytes(let bytes):
            headers.replaceOrAdd(name: "Content-Length", value: String(bytes.count))
            headers.replaceOrAdd(name: "Connection", value: keepAlive ? "keep-alive" : "close")
            try await outbound.write(.head(HTTPResponseHead(version: version, status: .init(statusCode: response.status), headers: headers)))
            // In pieces, as the client takes them: a client that stops reading holds the body, not a copy queued too.
            try await writeBody(bytes, to: outbound, on: channel)
            try await outbound.write(.end(nil))
            return keepAlive
        case .stream(let produce):
            // Chunked unless the route gave a length (a byte range); the connection closes after it.
            headers.replaceOrAdd(name: "Connection", value: "close")
            try await outbound.write(.head(HTTPResponseHead(version: version, status: .init(statusCode: response.status), headers: headers)))
            try await produce(ServerResponse.BodyWriter(isBackedUp: { !channel.isWritable }) { piece in
                try await writeBody(piece, to: outbound, on: channel)
            })
            try await outbound.write(.end(nil))
            return false
        }
    }
}
