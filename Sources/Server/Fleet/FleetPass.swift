import Foundation
import Rendering
import Synchronization

/// `/fleet` answers within a browser's patience (serve22 #11: eight hosts' 12 MB logs took longer to summarise than
/// a connection may stay open, and the browser got an empty reply, each time again). The summaries are made by a
/// pass on a thread of its own that outlives the request; a request waits for it at most `patience`, then gets how far
/// it is (a page that reloads itself) instead of the fleet. What a pass summarised is kept (`FleetSummaries`, by each
/// bundle's digest), so each reload finds more done and the page once all are. One pass at a time: a request that comes
/// while one runs asks for one more after it, so what it is shown was read after it asked. A pass nobody has asked
/// about for `abandonAfter` stops, as a summary whose asker left stops (serve20 #7).
final class FleetPass: Sendable {
    /// What a request gets: the summaries, or how many of the files the running pass has summarised.
    enum Answer: Sendable {
        case ready([FleetHost])
        case summarising(done: Int, total: Int)
    }

    /// A pass that ended: its number and what it made.
    private typealias Finished = (pass: Int, result: Result<[FleetHost], any Error>)

    private struct State {
        var running = false
        var again = false
        /// The number of the last pass started.
        var started = 0
        var finished: Finished?
        var progress = (done: 0, total: 0)
        var lastAsked = ContinuousClock.now
    }

    let summaries = FleetSummaries()
    let abandonAfter: Duration
    private let state = Mutex(State())

    init(abandonAfter: Duration = .seconds(60)) { self.abandonAfter = abandonAfter }

    /// The fleet of `directory` as a pass started after this call read it, or, when that takes longer than `patience`,
    /// how far the pass is.
    func answer(directory: String, patience: Duration) async throws -> Answer {
        let (pass, starting) = state.withLock { state -> (Int, Bool) in
            state.lastAsked = .now
            guard !state.running else {
                state.again = true
                return (state.started + 1, false)
            }
            state.running = true
            state.started += 1
            state.progress = (0, 0)
            return (state.started, true)
        }
        if starting { Thread.detachNewThread { self.run(pass, directory: directory) } }
        let deadline = ContinuousClock.now + patience
        while true {
            let (finished, progress) = state.withLock { state -> (Finished?, (done: Int, total: Int)) in
                state.lastAsked = .now
                return (state.finished, state.progress)
            }
            if let finished, finished.pass >= pass { return .ready(try finished.result.get()) }
            guard ContinuousClock.now < deadline else { return .summarising(done: progress.done, total: progress.total) }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Runs pass `number`, then one more for each request that came while it ran.
    private func run(_ number: Int, directory: String) {
        var number = number
        while true {
            let result = Result {
                try summaries.hosts(
                    directory: directory,
                    stopped: { self.state.withLock { ContinuousClock.now - $0.lastAsked > self.abandonAfter } },
                    progress: { done, total in self.state.withLock { $0.progress = (done, total) } })
            }
            let next = state.withLock { state -> Int? in
                state.finished = (number, result)
                guard state.again else {
                    state.running = false
                    return nil
                }
                state.again = false
                state.started += 1
                state.progress = (0, 0)
                return state.started
            }
            guard let next else { return }
            number = next
        }
    }
}

/// The page `/fleet` shows while its summaries are being made: how many of the files are done, reloading itself.
enum FleetProgressPage {
    /// Seconds between reloads.
    static let reloadSeconds = 3

    static func response(done: Int, total: Int) -> ServerResponse {
        let counted = total == 0 ? "reading the bundles" : "\(done) of \(total) files summarised"
        let body = "<h1>Fleet</h1>\n<p class=\"meta\">Summarising the bundles: \(counted). A big log takes a while the first time; "
            + "each summary is kept, so this page reloads itself every \(reloadSeconds) s until the fleet is shown.</p>\n"
        var response = ServerResponse.html(PageLayout.page(title: "evlog fleet: summarising", body: body, fleet: true))
        response.headers.append(("Refresh", String(reloadSeconds)))
        return response
    }
}
