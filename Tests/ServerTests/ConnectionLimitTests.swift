import Foundation
import Glibc
import Testing

@testable import Server

/// The server holds a bounded number of connections: one over the limit takes the place of the oldest that
/// has sent no request (serve16 #7), or, when every place is held by a connection whose request was let in,
/// is answered 503 with `Retry-After` and closed; a place freed is taken again, and while the server is
/// crowded an idle keep-alive connection is closed after the short wait, not the long one.
@Suite(.serialized) struct ConnectionLimitTests {
    private static func server(connectionsMax: Int, crowdedWaitMilliseconds: Int64 = 300) async throws -> HTTPServer {
        let server = try await HTTPServer(
            host: "127.0.0.1", port: 0, requestReadTimeout: .seconds(60), keepAliveTimeout: .seconds(60), connectionsMax: connectionsMax,
            crowdedWaitTimeout: .milliseconds(crowdedWaitMilliseconds))
        Task { try await server.run { _ in .refusal(404, "none") } }
        return server
    }

    /// A GET on `socket` and its answer, read on a dispatch thread: a blocking `recv` on one of the few
    /// threads of the cooperative pool would starve the servers of the tests running beside this one.
    private static func request(_ socket: Int32) async throws -> (status: Int, head: String, body: String)? {
        try await Blocking.run { _ in
            HeadAdmissionTests.send(socket, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            return HeadAdmissionTests.response(socket)
        }
    }

    @Test(arguments: [1, 3, 7]) func aConnectionOverTheLimitIsRefusedAndAFreedPlaceIsTakenAgain(limit: Int) async throws {
        let server = try await Self.server(connectionsMax: limit, crowdedWaitMilliseconds: 60_000)
        defer { Task { await server.close() } }
        // Keep-alive connections whose request was answered: they hold every place, and none makes way.
        var held = (0..<limit).map { _ in LiveServerTests.connectedSocket(port: server.port) }
        defer { held.forEach { _ = Glibc.close($0) } }
        for socket in held { #expect(try await Self.request(socket)?.status == 404) }
        let over = LiveServerTests.connectedSocket(port: server.port)
        defer { Glibc.close(over) }
        let refused = try #require(try await Self.request(over), "a connection over the limit got no answer")
        #expect(refused.status == 503)
        #expect(refused.head.lowercased().contains("retry-after: 5"))
        #expect(refused.body.contains("\(limit) connections"))
        Glibc.close(held.removeLast())
        // The freed place is given back once the server has seen the close; until then a try is still refused.
        var answered: Int?
        for _ in 0..<50 where answered != 404 {
            let next = LiveServerTests.connectedSocket(port: server.port)
            answered = try await Self.request(next)?.status
            Glibc.close(next)
            if answered != 404 { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(answered == 404)
    }

    /// Connections that drip a request head and never finish it, as many as the limit: each new connection
    /// closes the oldest of them and is answered; the ones proven by a request are never closed for them.
    @Test(arguments: [1, 3, 7]) func connectionsThatSentNoWholeRequestMakeWayForNewOnes(limit: Int) async throws {
        let server = try await Self.server(connectionsMax: limit + 1, crowdedWaitMilliseconds: 60_000)
        defer { Task { await server.close() } }
        let user = LiveServerTests.connectedSocket(port: server.port)
        defer { Glibc.close(user) }
        #expect(try await Self.request(user)?.status == 404)
        let dripping = (0..<limit).map { _ in LiveServerTests.connectedSocket(port: server.port) }
        defer { dripping.forEach { _ = Glibc.close($0) } }
        for socket in dripping { HeadAdmissionTests.send(socket, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: a") }
        // Each new connection is kept open, so the server stays full and the next one must take a place again.
        var answered: [Int32] = []
        defer { answered.forEach { _ = Glibc.close($0) } }
        for round in 0..<limit {
            let next = LiveServerTests.connectedSocket(port: server.port)
            answered.append(next)
            #expect(try await Self.request(next)?.status == 404, "round \(round): a new connection was not answered")
            // The oldest dripping connection made way: the server closed it.
            let closed = try await Blocking.run { _ in
                var wait = timeval(tv_sec: 30, tv_usec: 0)
                setsockopt(dripping[round], SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
                var byte: UInt8 = 0
                // 0 or a reset (its request bytes were unread): closed; -1 with EAGAIN: this side's wait ran out.
                let got = recv(dripping[round], &byte, 1, 0)
                return got == 0 || (got < 0 && errno == ECONNRESET)
            }
            #expect(closed, "round \(round): the oldest connection without a request is still open")
        }
        // The user's keep-alive connection, proven by its request, was never the one closed.
        #expect(try await Self.request(user)?.status == 404)
    }

    /// Whether the server closes a keep-alive connection, one request answered on it, within `seconds`,
    /// with `others` silent connections open beside it.
    private static func keepAliveCloses(connectionsMax: Int, others: Int, within seconds: Int) async throws -> Bool {
        let server = try await Self.server(connectionsMax: connectionsMax)
        defer { Task { await server.close() } }
        let crowd = (0..<others).map { _ in LiveServerTests.connectedSocket(port: server.port) }
        defer { crowd.forEach { _ = Glibc.close($0) } }
        let kept = LiveServerTests.connectedSocket(port: server.port)
        defer { Glibc.close(kept) }
        #expect(try await Self.request(kept)?.status == 404)
        return try await Blocking.run { _ in
            var limit = timeval(tv_sec: seconds, tv_usec: 0)
            setsockopt(kept, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
            var byte: UInt8 = 0
            // 0 is the server closing; -1 is this side's wait running out with the connection still open.
            return recv(kept, &byte, 1, 0) == 0
        }
    }

    @Test func anIdleKeepAliveConnectionGetsTheShortWaitWhileTheServerIsCrowded() async throws {
        // Three of four places taken: the keep-alive wait is 300 ms, not 60 s.
        #expect(try await Self.keepAliveCloses(connectionsMax: 4, others: 2, within: 5))
    }

    @Test func anIdleKeepAliveConnectionKeepsTheLongWaitWhileTheServerIsNotCrowded() async throws {
        #expect(try await !Self.keepAliveCloses(connectionsMax: 16, others: 0, within: 1), "a keep-alive connection was closed before its 60 s wait though the server is not crowded")
    }
}
