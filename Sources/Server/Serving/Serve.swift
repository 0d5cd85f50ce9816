import Dispatch
import EvlogKit
import Foundation
import Orchestrator

/// `evlog serve`: binds, prints the URL to open (with its random token) as the first line on standard
/// output, and answers until SIGINT or SIGTERM, then stops listening and returns. Holds no plan's lock.
public enum Serve {
    /// Seconds open connections get after Ctrl-C before the process exits.
    static let stopGraceSeconds = 2

    public static func run(_ configuration: ServeConfiguration, listen: ListenAddress, explicitListen: Bool) async throws {
        if !listen.isLoopback, !explicitListen { throw UserFacingError("evlog serve listens on loopback unless --listen names another address") }
        // The plans it starts run in this home: refused as `install` refuses it (serve22 #7), and not made here (#10).
        let archive = PlanArchive(home: configuration.home)
        try archive.refuseSharedHome(making: false)
        let server: HTTPServer
        do {
            server = try await HTTPServer(host: listen.host, port: listen.port)
        } catch {
            throw UserFacingError("cannot listen on \(listen.host):\(listen.port): \(BindFailure.reason(error, port: listen.port))")
        }
        // Warned once the address is this machine's and listened on, not for one that cannot be.
        if !listen.isLoopback {
            Terminal.print("evlog serve: warning: listening on \(listen.host), reachable from other machines; anyone with the token can start and cancel plans here", to: STDERR_FILENO)
        }
        let token = ServeToken.fresh()
        let access = AccessGuard.forListening(on: listen, port: server.port, token: token)
        let router = Router(configuration: configuration, access: access)
        let shown = listen.host.contains(":") ? "[\(listen.host)]" : listen.host
        Terminal.print("http://\(shown):\(server.port)/?token=\(token)")
        if listen.isWildcard {
            // 0.0.0.0 is no address a browser elsewhere can open: name the ones it can.
            let addresses = InterfaceAddresses.current().filter { !ListenAddress(host: $0, port: 0).isLoopback }
            let urls = addresses.map { "http://\($0.contains(":") ? "[\($0)]" : $0):\(server.port)/?token=…" }
            if !urls.isEmpty { Terminal.print("evlog serve: from other machines: \(urls.joined(separator: " or "))", to: STDERR_FILENO) }
        }
        let missing = FileManager.default.fileExists(atPath: configuration.home) ? "" : " (it does not exist yet: the first plan started here makes it; is --home right?)"
        Terminal.print("evlog serve: plans in \(configuration.home)\(missing)\(configuration.bundles.map { ", fleet from \($0)" } ?? ""); Ctrl-C stops", to: STDERR_FILENO)
        // Ctrl-C: stop listening, give open connections (event streams, idle keep-alives) a moment, then exit.
        let stop = StopSignals {
            Task { await server.close() }
            StopSignals.queue.asyncAfter(deadline: .now() + .seconds(Serve.stopGraceSeconds)) {
                Terminal.print("evlog serve: stopped", to: STDERR_FILENO)
                exit(0)
            }
        }
        defer { stop.cancel() }
        try await server.run(admitting: router.admission) { await router.respond($0) }
        Terminal.print("evlog serve: stopped", to: STDERR_FILENO)
    }
}

/// SIGINT and SIGTERM call `handler` once (instead of killing the process), so the server closes cleanly.
final class StopSignals {
    /// Where the signals are taken and the exit after the grace is run: a queue of its own, never the global one,
    /// whose few threads (one per core) the blocking reads of pages take (serve20 #7: with both busy reading
    /// fleet summaries, Ctrl-C and SIGTERM were not taken for minutes).
    static let queue = DispatchQueue(label: "evlog.serve.stop-signals")
    private let sources: [any DispatchSourceSignal]

    init(_ handler: @escaping @Sendable () -> Void) {
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: Self.queue)
            source.setEventHandler(handler: handler)
            source.resume()
            return source
        }
    }

    func cancel() { sources.forEach { $0.cancel() } }
}
