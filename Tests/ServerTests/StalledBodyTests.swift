import Foundation
import Glibc
import InstallModel
import Testing

@testable import Server

/// Clients that ask for a body and never read it (real sockets on 127.0.0.1 with a 4 KB receive buffer) hold
/// little of the server each, and nothing others need (serve16 #4: a stalled raw download held ~1.4 MB, a
/// block of the log; serve15: stalled page bodies a megabyte each, stalled catch-ups the readers' lane):
/// a raw download gives its place among the log readers up before it waits, so a reader of the same
/// output gets it whole meanwhile; a page is written only while fewer than `largeBodiesMax` wait, another
/// answered 503 with `Retry-After`; and a connection whose client takes nothing for `stalledWriteTimeout`
/// is closed.
@Suite(.serialized) struct StalledBodyTests {
    /// Sockets that send `request` (a GET of `path`) and never read.
    static func stalledClients(_ count: Int, _ running: LiveServerTests.Running, path: String) -> [Int32] {
        (0..<count).map { _ in
            let socket = LiveServerTests.connectedSocket(port: running.server.port, receiveBytes: 4096)
            let request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(running.server.port)\r\nAuthorization: Bearer \(running.token)\r\n\r\n"
            _ = request.withCString { send(socket, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
            return socket
        }
    }

    @Test(arguments: [UInt64(161), 162])
    func rawDownloadsThatNeverReadHoldNoPlaceAmongTheLogReaders(seed: UInt64) async throws {
        // Several MB over many blocks: more than the kernel's buffers take for a client that does not read.
        let recorded = try RecordedPlan(seed: seed, blockBytes: 256 << 10)
        try recorded.recordOutput(lines: 100_000)
        try recorded.finish()
        let running = try await LiveServerTests.Running(home: recorded.home)
        defer { Task { await running.server.close() } }
        let lane = running.router.feeds.readers
        let path = "/plans/\(recorded.id.rawValue)/steps/\(recorded.step.rawValue)/output"
        // Three times as many stalled downloads as the lane has places: were a place kept while its client
        // does not read, the download below would wait for the idle time-out.
        let stalled = Self.stalledClients(3 * lane.readersMax, running, path: path)
        defer { stalled.forEach { _ = Glibc.close($0) } }
        let (status, whole) = try await running.get(path)
        let expected = recorded.lines.map { $0 + "\n" }.joined()
        #expect(status == 200)
        #expect(whole.utf8.count == expected.utf8.count && whole.utf8.count > 4 << 20, "\(whole.utf8.count) bytes of \(expected.utf8.count)")
        let peak = await lane.peak
        #expect(peak >= 1 && peak <= lane.readersMax, "\(peak) log readers open at once")
        let queued = running.server.queued.peakPerConnection
        #expect(queued > 0 && queued <= StalledFollowerTests.queuedBytesMax, "one connection held \(queued) bytes queued")
    }

    @Test func pagesToClientsThatNeverReadAreBoundedAndTheRestRefusedForAWhile() async throws {
        // A page of about a megabyte: the last 2,000 lines of 500 bytes.
        let recorded = try RecordedPlan(seed: 163)
        var generator = SplitMix64(seed: 163)
        let text = (0..<3000).map { "line \($0) " + String(repeating: "x", count: 490) + "\n" }.joined()
        try recorded.recordCut(Array(text.utf8), chunkMax: 8000, &generator)
        try recorded.finish()
        // A small send buffer: on loopback the kernel would otherwise take a whole page for a client that reads nothing.
        let server = try await HTTPServer(host: "127.0.0.1", port: 0, largeBodiesMax: 2, sendBufferBytes: 16 << 10)
        let running = try await LiveServerTests.Running(home: recorded.home, server: server)
        defer { Task { await running.server.close() } }
        let page = "/plans/\(recorded.id.rawValue)"
        let stalled = Self.stalledClients(2, running, path: page)
        defer { stalled.forEach { _ = Glibc.close($0) } }
        for _ in 0..<600 where server.largeBodies.count < 2 { try await Task.sleep(for: .milliseconds(50)) }
        #expect(server.largeBodies.count == 2, "the stalled pages were written whole: the test shows nothing")
        let (status, refusal) = try await running.get(page)
        #expect(status == 503 && refusal.contains("try again"), "\(status): \(refusal.prefix(200))")
        // A small answer is not held back.
        #expect(try await running.get("/api/plans").0 == 200)
        #expect(server.largeBodies.peak == 2)
    }

    @Test func aConnectionWhoseClientTakesNothingIsClosed() async throws {
        let recorded = try RecordedPlan(seed: 164)
        try recorded.recordOutput(lines: 100_000)
        try recorded.finish()
        let server = try await HTTPServer(host: "127.0.0.1", port: 0, stalledWriteTimeout: .milliseconds(300))
        // Their downloads are several MB: the kernel's buffers take a part, the rest waits for a client that never comes.
        let running = try await LiveServerTests.Running(home: recorded.home, server: server)
        defer { Task { await running.server.close() } }
        let stalled = Self.stalledClients(3, running, path: "/plans/\(recorded.id.rawValue)/steps/\(recorded.step.rawValue)/output")
        defer { stalled.forEach { _ = Glibc.close($0) } }
        for _ in 0..<600 where server.stalledConnectionsClosed < 3 { try await Task.sleep(for: .milliseconds(50)) }
        #expect(server.stalledConnectionsClosed == 3)
    }
}
