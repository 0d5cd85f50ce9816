import Foundation

/// `python3 -m http.server` serving a directory on 127.0.0.1 (a free port), for release and apt-repository tests.
final class LocalHTTPServer {
    static let canRun = ChildProcess.lookUp("python3") != nil && ChildProcess.lookUp("curl") != nil

    let root: String
    let port: Int
    private let child: ChildProcess

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Starts serving `root` and waits (up to 5 s) until it answers.
    init(root: String) throws {
        self.root = root
        port = try LocalHTTPServer.freePort()
        child = try ChildProcess(["python3", "-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", root])
        let url = "http://127.0.0.1:\(port)/"
        for _ in 0..<100 {
            if (try? ChildProcess.runBlocking(["curl", "-fs", "-o", "/dev/null", url], timeoutSeconds: 5))?.exitCode == 0 { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        stop()
        throw EvlogTestError.unexpectedOutput("the local HTTP server on port \(port) never answered")
    }

    func stop() {
        child.send(SIGTERM)
        _ = child.waitBlocking(timeoutSeconds: 5)
    }

    /// A port nothing listens on right now (the kernel picks it; the socket is closed again).
    static func freePort() throws -> Int {
        let probe = try ChildProcess.runBlocking([
            "python3", "-c", "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])",
        ])
        guard let port = Int(probe.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw EvlogTestError.unexpectedOutput("no free port: \(probe.stdout)")
        }
        return port
    }
}
