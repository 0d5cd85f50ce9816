import Foundation
import InstallModel
import Testing

@testable import Orchestrator

/// A fetch follows a redirect only to https (trust20 #6): a URL the loader allowed (plain http to this machine here)
/// that answers 302 to a plain http URL is refused by curl, never fetched in clear text. A real curl against a
/// local server that redirects to itself over http.
@Suite struct FetchRedirectTests {
    static let server = """
        import http.server, sys
        class H(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                if self.path == '/start':
                    self.send_response(302); self.send_header('Location', 'http://127.0.0.1:%d/served' % self.server.server_port)
                    self.end_headers(); return
                body = b'#!/bin/sh\\necho redirected\\n'
                self.send_response(200); self.send_header('Content-Length', str(len(body))); self.end_headers(); self.wfile.write(body)
            def log_message(self, *a): pass
        s = http.server.HTTPServer(('127.0.0.1', 0), H)
        print(s.server_port, flush=True)
        s.serve_forever()
        """

    @Test(.enabled(if: ["curl", "python3"].allSatisfy { FileManager.default.isExecutableFile(atPath: "/usr/bin/" + $0) }, "needs curl and python3"))
    func aRedirectToPlainHTTPIsNotFollowed() async throws {
        let root = NSTemporaryDirectory() + "evlog-redirect-" + UUID().uuidString.prefix(8)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/work", withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", Self.server]
        let pipe = Pipe()
        process.standardOutput = pipe
        // Not the test's own stderr: a server left holding it would keep `swift test` waiting for the end of its output.
        process.standardError = FileHandle.nullDevice
        try process.run()
        // SIGKILL: the server inherits the signal mask of the thread that spawned it, where SIGTERM may be blocked (it
        // outlived a CI run that way).
        defer {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        let line = String(decoding: pipe.fileHandleForReading.availableData, as: UTF8.self)
        let port = try #require(Int(line.trimmingCharacters(in: .whitespacesAndNewlines)), "the server printed \(line)")
        let io = RecordingIO()
        let context = ExecutionContext.realDebian(root: root, io: io)
        let destination = root + "/work/fetched.sh"
        let outcome = await Downloading.fetch("http://127.0.0.1:\(port)/start", to: destination, sha256: nil, sizeBytes: nil, context: context)
        #expect(!outcome.isSuccess, "the redirect to plain http was followed: \(outcome)")
        #expect((try? String(contentsOfFile: destination, encoding: .utf8)) != "#!/bin/sh\necho redirected\n")
        let fetches = io.commands.filter { $0.first == "curl" }
        #expect(!fetches.isEmpty && fetches.allSatisfy { $0.suffix(3).first == "--proto-redir" && $0.suffix(2).first == "=https" }, "\(fetches)")
    }
}
