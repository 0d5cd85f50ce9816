import Foundation
import Glibc
import Testing

@testable import Server

/// Clients that open an event stream and never read it (real sockets on 127.0.0.1 with a 4 KB receive
/// buffer) each hold about SwiftNIO's high-water mark queued in the server, not their stream (serve14 #5:
/// 150 of them grew the server by 4 MB each, for good): the server writes a streamed body only while
/// the connection is below the mark, and a follower's place in the shared window costs nothing.
@Suite(.serialized) struct StalledFollowerTests {
    /// The most one connection may hold queued: the high-water mark (64 KB), the piece that crossed it and the
    /// one written once below the low mark again (32 KB each), with room for chunk framing. (Writing without
    /// waiting for the event loop held 370–390 KB here, and the whole stream before pieces were cut.)
    static let queuedBytesMax = 192 << 10

    @Test(arguments: [UInt64(151), 152])
    func followersThatNeverReadHoldLittleEach(seed: UInt64) async throws {
        // Several MB of frames: more than the kernel's socket buffers take for a client that does not read.
        let recorded = try RecordedPlan.finished(seed: seed, lines: 100_000)
        let running = try await LiveServerTests.Running(home: recorded.home)
        defer { Task { await running.server.close() } }
        let path = "/plans/\(recorded.id.rawValue)/events"
        let stalled = (0..<12).map { index in
            let socket = LiveServerTests.connectedSocket(port: running.server.port, receiveBytes: 4096)
            let request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(running.server.port)\r\nAuthorization: Bearer \(running.token)\r\n"
                + "Last-Event-ID: \(index % 2 == 0 ? 0 : 1)\r\n\r\n"
            _ = request.withCString { send(socket, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
            return socket
        }
        defer { stalled.forEach { _ = Glibc.close($0) } }
        // One follower reads the whole stream: the shared reader reads the whole log, and the stalled ones
        // could have taken every frame of it by then.
        let (status, whole) = try await running.get(path)
        #expect(status == 200 && whole.hasSuffix("event: end\ndata: {}\n\n"))
        #expect(whole.utf8.count > 4 << 20, "\(whole.utf8.count) bytes of frames: too few to fill the stalled clients' sockets")
        let peak = running.server.queued.peakPerConnection
        #expect(peak > 0, "nothing was ever queued: the count proves nothing")
        #expect(peak <= Self.queuedBytesMax, "one connection held \(peak) bytes queued for a client that reads nothing")
    }
}
