import EventLog
import InstallModel

/// Passes events this process did not just record through the one `SecretPolicy`, as the
/// `EventRecorder` does for a run's own: every event read back from a log (`PlanEventStream`: a log an
/// older evlog wrote, with an older policy, is shown as this one would have recorded it) and the
/// events of `evlog import`. JSON events string by string, output chunks as one stream per step and
/// channel. Each event stays one event with its sequence number, so a chunk is redacted with what it
/// holds (a value cut at its end goes on being redacted in the next).
public struct EventScrubber: Sendable {
    private var policy: SecretPolicy
    private var streams: [OutputStreamKey: SecretStream] = [:]

    public init(policy: SecretPolicy = SecretPolicy()) { self.policy = policy }

    /// This scrubber with what it learned and no output stream's pending state (`PolicyReadState.learnedOnly`).
    var learnedOnly: EventScrubber { EventScrubber(policy: policy) }

    /// Whether a log with `header` must be read through this policy: an older evlog, or one with another
    /// revision of the policy, recorded it (a log this revision recorded or imported — its creator is
    /// `PlanArchive.creator`, alone, naming a home, or marked as an import or a reproduction — is read as stored, at
    /// the speed of reading).
    static func isNeeded(for header: LogHeader) -> Bool {
        ![PlanArchive.creator, PlanArchive.importCreator, PlanArchive.reproductionCreator].contains(header.creator)
            && !header.creator.hasPrefix(PlanArchive.creator + PlanArchive.homeMark)
    }

    /// The event a stored record holds (its payload), redacted.
    mutating func event(stored payload: UnsafeRawBufferPointer) throws(EventDecodingError) -> Event {
        let event = try EventPayload.decode(payload)
        if case .outputChunk(let step, let channel, let data, let redacted) = event.body {
            let (bytes, found) = redactedChunk(data, of: OutputStreamKey(step: step, stream: channel))
            return Event(sequence: event.sequence, time: event.time, body: .outputChunk(step: step, stream: channel, data: bytes, redacted: redacted || found))
        }
        endStreams(before: event)
        guard payload.first == EventPayload.jsonTag else { return event }
        var bytes = Array(payload)
        return scrub(&bytes, of: event.body) ? try EventPayload.decode(bytes) : event
    }

    /// An event read whole from its parts (`EventRecordJoiner`), redacted as its stored payload would be.
    mutating func event(read event: Event) throws(EventDecodingError) -> Event {
        guard var bytes = try? EventPayload.encode(event) else { return event }
        endStreams(before: event)
        return scrub(&bytes, of: event.body) ? try EventPayload.decode(bytes) : event
    }

    /// A stored record's payload redacted, or nil when the policy changes nothing in it (or it is no
    /// event: a seal; `PlanBundle` rewrites a log only when some record changes).
    mutating func redactedPayload(stored payload: UnsafeRawBufferPointer) -> [UInt8]? {
        guard let event = try? EventPayload.decode(payload) else { return nil }
        if case .outputChunk(let step, let channel, let data, _) = event.body {
            let (bytes, _) = redactedChunk(data, of: OutputStreamKey(step: step, stream: channel))
            guard bytes != data else { return nil }
            return EventPayload.encodeChunk(sequence: event.sequence, time: event.time, step: step, stream: channel, data: bytes, redacted: true)
        }
        endStreams(before: event)
        guard payload.first == EventPayload.jsonTag else { return nil }
        var bytes = Array(payload)
        return scrub(&bytes, of: event.body) ? bytes : nil
    }

    /// The stored form of `event` (read from a file: `evlog import`), redacted.
    public mutating func payload(for event: Event) throws -> [UInt8] {
        if case .outputChunk(let step, let channel, let data, let redacted) = event.body {
            let (bytes, found) = redactedChunk(data, of: OutputStreamKey(step: step, stream: channel))
            return EventPayload.encodeChunk(
                sequence: event.sequence, time: event.time, step: step, stream: channel, data: bytes, redacted: redacted || found)
        }
        endStreams(before: event)
        var payload = try EventPayload.encode(event)
        _ = scrub(&payload, of: event.body)
        return payload
    }

    /// A JSON event's payload scrubbed, learning what its command lines give as secret as the recorder does
    /// (the output that follows loses it too); whether anything was replaced.
    private mutating func scrub(_ payload: inout [UInt8], of body: EventBody) -> Bool {
        let (replaced, learned) = policy.scrubLearning(payload: &payload, of: body)
        if !learned.isEmpty { for key in streams.keys { streams[key]?.adopt(policy) } }
        return replaced
    }

    /// A chunk redacted by its stream's `SecretStream`, released whole (the chunk was one write), and
    /// whether anything in it was replaced.
    private mutating func redactedChunk(_ data: [UInt8], of key: OutputStreamKey) -> ([UInt8], Bool) {
        var stream = streams[key] ?? policy.makeStream()
        var (bytes, found) = stream.process(data)
        let (rest, foundInRest) = stream.releaseWhileQuiet()
        bytes += rest
        streams[key] = stream.mustBeKept ? stream : nil
        return (bytes, found || foundInRest)
    }

    /// Another event of a step ends what its output left pending, as in a run.
    private mutating func endStreams(before event: Event) {
        guard !streams.isEmpty else { return }
        let step = event.body.stepID
        streams = streams.filter { step != nil && $0.key.step != step }
    }
}
