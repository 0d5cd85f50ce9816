import Foundation
import Glibc
import InstallModel
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@testable import Server

/// A real server on 127.0.0.1, port 0: the JSON API, and event streams that resume after
/// `Last-Event-ID` and follow a running plan, each of several followers getting every event in order.
@Suite(.serialized) struct LiveServerTests {
    final class Running: Sendable {
        let server: HTTPServer
        let router: Router
        let base: String
        let token = ServeToken.fresh()

        /// A server for `home`: a default one on a free port, or `server` (made with other limits).
        init(home: String, server given: HTTPServer? = nil) async throws {
            if let given { server = given } else { server = try await HTTPServer(host: "127.0.0.1", port: 0) }
            base = "http://127.0.0.1:\(server.port)"
            let configuration = ServeConfiguration(home: home, bundles: nil, simulationFixtureSet: nil, executable: "/bin/false")
            router = Router(configuration: configuration, access: AccessGuard(token: token, listenHost: "127.0.0.1", port: server.port))
            let server = server, router = router
            Task { try await server.run(admitting: router.admission) { await router.respond($0) } }
        }

        func get(_ path: String, headers: [String: String] = [:]) async throws -> (Int, String) {
            var request = URLRequest(url: URL(string: base + path)!)
            request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
            request.timeoutInterval = 30
            for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
            let (data, response) = try await URLSession.shared.data(for: request)
            return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
        }
    }

    @Test func aSilentConnectionIsClosedOnceIdle() async throws {
        let server = try await HTTPServer(host: "127.0.0.1", port: 0, idleTimeout: .milliseconds(300))
        Task { try await server.run { _ in .refusal(404, "none") } }
        defer { Task { await server.close() } }
        let socket = Self.connectedSocket(port: server.port)
        defer { Glibc.close(socket) }
        var wait = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        _ = "GET / HTTP/1.1\r\n".withCString { send(socket, $0, 16, 0) }  // a request begun and never finished
        let started = ContinuousClock.now
        var byte: UInt8 = 0
        // 0 is the server closing; -1 would be this side's 5 s wait running out with the connection still open.
        #expect(recv(socket, &byte, 1, 0) == 0, "still open after \(ContinuousClock.now - started)")
    }

    @Test func aRequestDrippedByteByByteIsClosedAtItsDeadline() async throws {
        // The idle time-out is far off: each byte resets it. Only the request's own deadline can end this.
        let server = try await HTTPServer(host: "127.0.0.1", port: 0, idleTimeout: .seconds(120), requestReadTimeout: .milliseconds(500))
        Task { try await server.run { _ in .refusal(404, "none") } }
        defer { Task { await server.close() } }
        let socket = Self.connectedSocket(port: server.port)
        defer { Glibc.close(socket) }
        let request = Array("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".utf8) + Array(repeating: UInt8(ascii: "a"), count: 200)
        let started = ContinuousClock.now
        var closed = false
        for byte in request {
            var one = byte
            if send(socket, &one, 1, Int32(MSG_NOSIGNAL)) < 0 { closed = true; break }
            var answer: UInt8 = 0
            if recv(socket, &answer, 1, Int32(MSG_DONTWAIT)) == 0 { closed = true; break }
            try await Task.sleep(for: .milliseconds(50))
        }
        // The drip takes 12 s: closed before it ends is the deadline at work (no wall-time bound: the machine may be loaded).
        #expect(closed, "the server still reads a request begun \(ContinuousClock.now - started) ago")
    }

    /// A plain TCP socket connected to the server on 127.0.0.1 (a raw client that sends what it likes, as slowly as it
    /// likes), with a receive buffer of `receiveBytes` when given (a client that reads little or nothing).
    static func connectedSocket(port: Int, receiveBytes: Int32? = nil) -> Int32 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        if var receiveBytes { setsockopt(socket, SOL_SOCKET, SO_RCVBUF, &receiveBytes, socklen_t(MemoryLayout<Int32>.size)) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        #expect(connected == 0)
        return socket
    }

    static func ids(_ stream: String) -> [UInt64] {
        stream.split(separator: "\n").compactMap { $0.hasPrefix("id: ") ? UInt64($0.dropFirst(4)) : nil }
    }

    @Test func theAPIListsPlansAndTheirStatus() async throws {
        let recorded = try RecordedPlan(seed: 61)
        try recorded.recordOutput(lines: 20)
        try recorded.finish()
        let running = try await Running(home: recorded.home)
        defer { Task { await running.server.close() } }
        let (status, list) = try await running.get("/api/plans")
        #expect(status == 200)
        let rows = try JSONSerialization.jsonObject(with: Data(list.utf8)) as? [[String: Any]]
        #expect(rows?.first?["plan"] as? String == recorded.id.rawValue && rows?.first?["status"] as? String == "done")
        let (planStatus, plan) = try await running.get("/api/plans/\(recorded.id.rawValue)")
        #expect(planStatus == 200 && plan.contains("\"ok\":true"))
        let (pageStatus, page) = try await running.get("/plans/\(recorded.id.rawValue)")
        #expect(pageStatus == 200 && page.contains("line 19"))
        // Every response forbids framing (clickjacking from another local port).
        var request = URLRequest(url: URL(string: running.base + "/plans/\(recorded.id.rawValue)")!)
        request.setValue("Bearer \(running.token)", forHTTPHeaderField: "Authorization")
        let (_, response) = try await URLSession.shared.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        #expect(http.value(forHTTPHeaderField: "X-Frame-Options") == "DENY")
        #expect(http.value(forHTTPHeaderField: "Content-Security-Policy") == "frame-ancestors 'none'")
    }

    @Test func aReconnectResumesRightAfterLastEventID() async throws {
        let recorded = try RecordedPlan(seed: 62)
        try recorded.recordOutput(lines: 300)
        try recorded.finish()
        let running = try await Running(home: recorded.home)
        defer { Task { await running.server.close() } }
        let (_, whole) = try await running.get("/plans/\(recorded.id.rawValue)/events")
        let all = Self.ids(whole)
        #expect(all == Array(1...UInt64(all.count)) && all.count > 10)
        for last in [UInt64(1), 5, all[all.count / 2], all.last! - 1] {
            let (status, rest) = try await running.get("/plans/\(recorded.id.rawValue)/events", headers: ["Last-Event-ID": String(last)])
            #expect(status == 200)
            #expect(Self.ids(rest) == Array(all.drop { $0 <= last }))
        }
        #expect(whole.hasSuffix("event: end\ndata: {}\n\n"))
        // The largest event number is after everything, and the server lives on (serve10 finding 1: it trapped).
        for query in ["?after=\(UInt64.max)", "?after=\(UInt64.max - 1)"] {
            let (status, rest) = try await running.get("/plans/\(recorded.id.rawValue)/events\(query)", headers: ["Last-Event-ID": String(UInt64.max)])
            #expect(status == 200 && Self.ids(rest).isEmpty && rest.hasSuffix("event: end\ndata: {}\n\n"), "\(query): \(rest)")
        }
        let (status, _) = try await running.get("/plans/\(recorded.id.rawValue)/output?before=\(Int.max).\(UInt64.max)")
        #expect(status == 400 || status == 404, "\(status)")
        #expect(try await running.get("/plans/\(recorded.id.rawValue)/events").1 == whole, "the server no longer answers")
    }

    @Test func followersOfARunningPlanEachGetEveryEventInOrder() async throws {
        let recorded = try RecordedPlan(seed: 63)
        try recorded.recordOutput(lines: 10)
        let running = try await Running(home: recorded.home)
        defer { Task { await running.server.close() } }
        let path = "/plans/\(recorded.id.rawValue)/events"
        let followers = (0..<8).map { _ in Task { try await running.get(path).1 } }
        try await Task.sleep(for: .milliseconds(300))
        for _ in 0..<20 {
            try recorded.recordOutput(lines: 15)
            try await Task.sleep(for: .milliseconds(20))
        }
        try recorded.finish()
        var last: UInt64 = 0
        for follower in followers {
            let ids = Self.ids(try await follower.value)
            #expect(ids == Array(1...UInt64(max(ids.count, 1))), "a follower missed, repeated or reordered events")
            last = max(last, ids.last ?? 0)
        }
        #expect(last == (try recorded.log.stateFromLastCheckpoint().lastSequence))
    }
}
