import Dispatch
import Foundation

/// SIGINT/SIGTERM become an interruption of the running plan (which then records `plan_interrupted`).
public final class SignalWatch {
    private var sources: [DispatchSourceSignal] = []

    public init() {}

    public func onSignal(_ handler: @escaping @Sendable (String) -> Void) {
        for (number, label) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
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
