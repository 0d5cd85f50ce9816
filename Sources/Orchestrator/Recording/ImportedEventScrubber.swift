import InstallModel

/// Passes events that come from outside a run (`evlog import` of a JSONL file, the bundles of other
/// hosts on a fleet page) through the one
/// `SecretPolicy`, as the `EventRecorder` does for a run's own: JSON events string by string, output
/// chunks as one stream per step and channel. Each event stays one event with its sequence number, so
/// a chunk is redacted with what it holds (a value cut at its end goes on being redacted in the next).
public struct ImportedEventScrubber {
    private let policy: SecretPolicy
    private var streams: [OutputStreamKey: SecretStream] = [:]

    public init(policy: SecretPolicy = SecretPolicy()) { self.policy = policy }

    /// `event` redacted, as an event (what is shown from a log written elsewhere: the fleet pages).
    public mutating func redacted(_ event: Event) throws -> Event { try EventPayload.decode(try payload(for: event)) }

    /// The stored form of `event`, redacted.
    public mutating func payload(for event: Event) throws -> [UInt8] {
        if case .outputChunk(let step, let channel, let data, let redacted) = event.body {
            let key = OutputStreamKey(step: step, stream: channel)
            var stream = streams[key] ?? policy.makeStream()
            var (bytes, found) = stream.process(data)
            let (rest, foundInRest) = stream.releaseWhileQuiet()
            bytes += rest
            streams[key] = stream.mustBeKept ? stream : nil
            return EventPayload.encodeChunk(
                sequence: event.sequence, time: event.time, step: step, stream: channel, data: bytes,
                redacted: redacted || found || foundInRest)
        }
        // Another event of a step ends what its output left pending, as in a run.
        let step = event.body.stepID
        streams = streams.filter { step != nil && $0.key.step != step }
        var payload = try EventPayload.encode(event)
        _ = policy.scrub(payload: &payload).replaced
        return payload
    }
}
