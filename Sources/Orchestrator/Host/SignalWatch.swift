import Dispatch
import Foundation

/// Signals that would end evlog become an interruption of the running plan instead: its commands'
/// process groups are stopped and `plan_interrupted` is recorded. SIGHUP is a closed terminal,
/// SIGQUIT Ctrl-\. (SIGPIPE is thread-directed and does not reach a signal source reliably: the
/// owner ignores it and reacts to the failed write, EPIPE.)
public final class SignalWatch {
    private var sources: [DispatchSourceSignal] = []
    /// The signals watched, with the names `plan_interrupted` records.
    public static let watched: [(number: Int32, name: String)] = [
        (SIGINT, "SIGINT"), (SIGTERM, "SIGTERM"), (SIGHUP, "SIGHUP"), (SIGQUIT, "SIGQUIT"),
    ]

    public init() {}

    public func onSignal(_ handler: @escaping @Sendable (String) -> Void) {
        for (number, label) in SignalWatch.watched {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { handler(label) }
            source.resume()
            sources.append(source)
        }
    }

    public func stop() {
        for source in sources { source.cancel() }
        sources.removeAll()
    }
}
