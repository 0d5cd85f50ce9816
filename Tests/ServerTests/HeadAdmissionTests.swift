import Foundation
import Glibc
import InstallModel
import Testing

@testable import Server

/// A request is judged on its head: no token, a foreign host or a declared body over the limit is
/// answered at once and the connection closed, the body never read; a keep-alive connection may wait
/// for its next request longer than a request may take to arrive, whose deadline counts from its first byte.
@Suite(.serialized) struct HeadAdmissionTests {
    /// A server on 127.0.0.1 behind the real router and guard, over an empty home.
    final class Serving: Sendable {
        let server: HTTPServer
        let token = ServeToken.fresh()
        let home: String

        init(requestReadTimeout: TimeAmountMillis = 10_000, keepAliveTimeout: TimeAmountMillis = 60_000) async throws {
            home = FileManager.default.temporaryDirectory.appendingPathComponent("evlog-serve-head-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: home + "/plans", withIntermediateDirectories: true)
            server = try await HTTPServer(
                host: "127.0.0.1", port: 0, requestReadTimeout: .milliseconds(requestReadTimeout), keepAliveTimeout: .milliseconds(keepAliveTimeout))
            let configuration = ServeConfiguration(home: home, bundles: nil, simulationFixtureSet: nil, executable: "/bin/false")
            let router = Router(configuration: configuration, access: AccessGuard(token: token, listenHost: "127.0.0.1", port: server.port))
            let server = server
            Task { try await server.run(admitting: router.admission) { await router.respond($0) } }
        }

        func stop() async {
            await server.close()
            try? FileManager.default.removeItem(atPath: home)
        }
    }
    typealias TimeAmountMillis = Int64

    /// Sends `text`; false once the server has closed.
    @discardableResult static func send(_ socket: Int32, _ text: String) -> Bool {
        Array(text.utf8).withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } == text.utf8.count
    }

    /// Reads one response (head, and a body of its Content-Length); nil when the connection closes first
    /// or `wait` passes.
    static func response(_ socket: Int32, wait seconds: Int = 3) -> (status: Int, head: String, body: String)? {
        var limit = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            if let end = received.firstRange(of: Array("\r\n\r\n".utf8)) {
                let head = String(decoding: received[..<end.lowerBound], as: UTF8.self)
                let length = head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
                    .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
                if received.count - end.upperBound >= length {
                    return (Int(head.split(separator: " ")[1]) ?? 0, head, String(decoding: received[end.upperBound...], as: UTF8.self))
                }
            }
            let count = recv(socket, &buffer, buffer.count, 0)
            guard count > 0 else { return nil }
            received += buffer[..<count]
        }
    }

    /// `response` read on a dispatch thread: a blocking `recv` on one of the cooperative pool's few threads
    /// would starve the server under test (and those of the tests beside it) while the whole target runs.
    static func answer(_ socket: Int32, wait seconds: Int = 3) async throws -> (status: Int, head: String, body: String)? {
        try await Blocking.run { _ in response(socket, wait: seconds) }
    }

    /// `closes` read on a dispatch thread (see `answer`).
    static func closing(_ socket: Int32, within seconds: Int) async throws -> Bool {
        try await Blocking.run { _ in closes(socket, within: seconds) }
    }

    /// Whether the server closes the connection within `seconds` (reading whatever it sends first).
    static func closes(_ socket: Int32, within seconds: Int) -> Bool {
        var limit = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(socket, &buffer, buffer.count, 0)
            if count == 0 || (count < 0 && errno == ECONNRESET) { return true }
            if count < 0 { return false }
        }
    }

    @Test func aRefusedHeadIsAnsweredAtOnceWithoutItsBody() async throws {
        let serving = try await Serving()
        defer { Task { await serving.stop() } }
        let port = serving.server.port
        var generator = SplitMix64(seed: 29)
        // Another last character than the token's own: a token that ends in "0" made `dropLast() + "0"` the right one.
        let wrongToken = serving.token.dropLast() + (serving.token.hasSuffix("0") ? "1" : "0")
        for _ in 0..<12 {
            let length = Int(HTTPServer.requestBodyBytesMax) + 1 + Int(generator.next() % 1_000_000_000_000)
            let route = ["/api/plans", "/api/plans/p-x/resume", "/api/plans/p-x/cancel"][Int(generator.next() % 3)]
            let cases: [(headers: String, status: Int)] = [
                ("Host: 127.0.0.1:\(port)\r\nOrigin: http://127.0.0.1:\(port)\r\n", 401),
                ("Host: 127.0.0.1:\(port)\r\nAuthorization: Bearer \(wrongToken)\r\n", 401),
                ("Host: evil.example:\(port)\r\nAuthorization: Bearer \(serving.token)\r\n", 421),
                ("Host: 127.0.0.1:\(port)\r\nAuthorization: Bearer \(serving.token)\r\nOrigin: http://127.0.0.1:\(port)\r\n", 413),
            ]
            for (headers, status) in cases {
                let socket = LiveServerTests.connectedSocket(port: port)
                defer { Glibc.close(socket) }
                // The head only: a server that waited for the declared body would answer nothing.
                Self.send(socket, "POST \(route) HTTP/1.1\r\n\(headers)Content-Type: application/json\r\nContent-Length: \(length)\r\n\r\n{")
                let answer = try await Self.answer(socket)
                #expect(answer?.status == status, "\(route) with \(headers.debugDescription)")
                #expect(try await Self.closing(socket, within: 2), "the connection stays open after \(status)")
            }
        }
    }

    @Test func anAdmittedBodyIsReadAndAChunkedOneIsCutAtTheLimit() async throws {
        let serving = try await Serving()
        defer { Task { await serving.stop() } }
        let port = serving.server.port
        let headers = "Host: 127.0.0.1:\(port)\r\nAuthorization: Bearer \(serving.token)\r\nOrigin: http://127.0.0.1:\(port)\r\nContent-Type: application/json\r\n"
        let body = "{\"tools\": [\"no such tool\"]}"
        let socket = LiveServerTests.connectedSocket(port: port)
        defer { Glibc.close(socket) }
        Self.send(socket, "POST /api/plans HTTP/1.1\r\n\(headers)Content-Length: \(body.utf8.count)\r\n\r\n\(body)")
        // Read and judged by the route: the tool name is refused by grammar.
        let answer = try await Self.answer(socket)
        #expect(answer?.status == 400 && answer?.body.contains("'no such tool' is not a tool name") == true, "\(String(describing: answer))")
        let chunked = LiveServerTests.connectedSocket(port: port)
        defer { Glibc.close(chunked) }
        Self.send(chunked, "POST /api/plans HTTP/1.1\r\n\(headers)Transfer-Encoding: chunked\r\n\r\n")
        let piece = String(repeating: "a", count: 16 << 10)
        for _ in 0..<5 where Self.send(chunked, String(piece.utf8.count, radix: 16) + "\r\n" + piece + "\r\n") {}
        #expect(try await Self.answer(chunked)?.status == 413)
        #expect(try await Self.closing(chunked, within: 2))
    }

    @Test func aKeepAliveConnectionWaitsLongerForItsNextRequestThanARequestMayTake() async throws {
        let serving = try await Serving(requestReadTimeout: 400, keepAliveTimeout: 20_000)
        defer { Task { await serving.stop() } }
        let port = serving.server.port
        let request = "GET /api/plans HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAuthorization: Bearer \(serving.token)\r\n\r\n"
        let socket = LiveServerTests.connectedSocket(port: port)
        defer { Glibc.close(socket) }
        Self.send(socket, request)
        #expect(try await Self.answer(socket)?.status == 200)
        // Quiet for longer than a request may take: still open for the next one.
        try await Task.sleep(for: .milliseconds(1200))
        #expect(Self.send(socket, request))
        #expect(try await Self.answer(socket)?.status == 200, "the keep-alive connection was closed while idle")
        // A request begun and left unfinished is cut at its own deadline, long before the idle one.
        try await Task.sleep(for: .milliseconds(600))
        let started = ContinuousClock.now
        Self.send(socket, "GET /api/plans HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n")
        #expect(try await Self.closing(socket, within: 5))
        #expect(ContinuousClock.now - started < .seconds(3))
    }
}
