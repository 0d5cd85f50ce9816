import InstallModel
import Orchestrator

/// What the pages show of a log's events: this home's logs as recorded (its own recorder redacted them),
/// another host's bundle through this evlog's secret policy again (`ImportedEventScrubber`), as the fleet
/// export does. One per reading pass, so a value cut between two chunks is still redacted.
struct ShownEvents {
    private var scrubber: ImportedEventScrubber?

    init(foreign: Bool) { scrubber = foreign ? ImportedEventScrubber() : nil }

    /// `event` as shown; an event the policy cannot re-encode is shown without its output.
    mutating func shown(_ event: Event) -> Event {
        guard scrubber != nil else { return event }
        if let redacted = try? scrubber!.redacted(event) { return redacted }
        if case .outputChunk(let step, let stream, _, _) = event.body {
            return Event(sequence: event.sequence, time: event.time, body: .outputChunk(step: step, stream: stream, data: [], redacted: true))
        }
        return event
    }
}
