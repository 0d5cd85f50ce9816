import Foundation
import Glibc
import Testing

@testable import Server

/// The server holds a bounded number of connections: one over the limit is answered 503 with
/// `Retry-After` and closed, a place freed is taken again, and while the server is crowded an idle
/// keep-alive connection is closed after the short wait, not the long one.
@Suite(.serialized) struct ConnectionLimitTests {
    private static func server(connectionsMax: Int) async throws -> HTTPServer {
        let server = try await HTTPServer(
            host: "127.0.0.1", port: 0, requestReadTimeout: .seconds(60), keepAliveTimeout: .seconds(60), connectionsMax: connectionsMax,
            crowdedWaitTimeout: .milliseconds(300))
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
        let server = try await Self.server(connectionsMax: limit)
        defer { Task { await server.close() } }
        // Silent connections, as an attacker opens them by the thousand: they hold every place.
        var held = (0..<limit).map { _ in LiveServerTests.connectedSocket(port: server.port) }
        defer { held.forEach { _ = Glibc.close($0) } }
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
