import EventLog
import InstallModel

/// The events of one log, decoded one record at a time as they are iterated (memory: one block).
///
/// Every event of a log an older evlog (or another revision of the policy) recorded passes through
/// this evlog's `SecretPolicy` as it is read (`EventScrubber`): this is the one place the read commands,
/// `evlog serve`, bundles and reproductions get a log's events from, so such a log shows no secret this
/// evlog would have redacted.
///
/// A single-pass sequence: iterating it again continues where it stopped. Reading stops at the
/// first damage; afterwards `damage` (torn or corrupt tail), `readError` (the file could not be
/// read) and `undecodableRecords` (records of an event type this evlog does not know) say why.
public final class PlanEventStream: Sequence, IteratorProtocol {
    private let reader: LogReader
    /// Joins an event stored over several records.
    private var joiner = EventRecordJoiner()
    /// Nil for a log this policy's revision recorded (`EventScrubber.isNeeded`).
    private var scrubber: EventScrubber?
    /// Events handed out so far.
    public private(set) var eventCount = 0
    /// Records that verified but did not decode as an event (skipped).
    public private(set) var undecodableRecords = 0
    /// The first of them: its event type (when its JSON names one) and why it did not decode.
    public private(set) var firstUndecodable: (type: String?, reason: String)?
    /// The I/O error that stopped reading, if one did.
    public private(set) var readError: EventLogError?
    /// Called with each record `next()` reads, in order, before it is decoded: a pass that checks the records
    /// themselves (the seals, `evlog reproduce`) rides on a pass that reads the events anyway.
    public var recordObserver: ((LogHeader, UnsafeRawBufferPointer) -> Void)?

    /// Events not handed out, by the log-wide index of the record after each (`nextRecordIndex` once it is read): the
    /// state events no writer vouched for that `PlanLog.vouched` finds (FORMAT.md §9.5).
    public var skipping: Set<UInt64> = []

    /// Counts the bytes this stream passes through the policy, when given.
    private let work: PolicyWork?

    /// A stream of `reader`'s records from where it stands; a log read through the policy (`throughPolicy`, or one
    /// another revision recorded) goes on from `state` (taken where the reader stands: `policyState`), or from the
    /// policy's start when none is given.
    init(reader: LogReader, throughPolicy: Bool = false, resuming state: PolicyReadState? = nil, work: PolicyWork? = nil) {
        self.reader = reader
        self.work = work
        scrubber = throughPolicy || EventScrubber.isNeeded(for: reader.header) ? state?.scrubber ?? EventScrubber() : nil
    }

    /// Set by a reader that uses output chunks only for how many bytes they hold (a fold: `PlanState` counts them):
    /// whole output chunks then skip the policy, which would change their bytes only where a secret is (a few bytes
    /// of a count), so folding a log another revision recorded costs what reading it as stored does (other events are
    /// still redacted). Never set for a stream whose output is shown.
    var countsOutputOnly = false

    /// The policy's state after the last event handed out (between two events no part of one is pending),
    /// for a stream that resumes at the record after it; nil for a log read as stored.
    public var policyState: PolicyReadState? { scrubber.map(PolicyReadState.init) }

    /// Where and why reading stopped early; nil at a clean end.
    public var damage: LogDamage? { reader.damage }

    /// The log-wide index of the record after the last one read: the event last returned ends at the record before it.
    public var nextRecordIndex: UInt64 { reader.nextRecordIndex }

    /// Whether events come as stored: the log was recorded under this policy's revision, so nothing is redacted
    /// again as it is read (a checkpoint's byte counts are then those of the chunks read after it).
    public var readsAsStored: Bool { scrubber == nil }

    public func next() -> Event? {
        while true {
            // Decoded straight from the block buffer: no copy of the payload first.
            let decoded: Result<Event?, EventDecodingError>?
            do {
                decoded = try reader.withNextRecord { _, payload in
                    recordObserver?(reader.header, payload)
                    let result = Result { () throws(EventDecodingError) in try event(stored: payload) }
                    if case .failure = result, undecodableRecords == 0 { lastRecordType = PlanEventStream.jsonType(payload) }
                    return result
                }
            } catch {
                readError = error
                return nil
            }
            switch decoded {
            case nil: return nil
            case .success(let event?):
                if !skipping.isEmpty, skipping.contains(reader.nextRecordIndex) { continue }
                eventCount += 1
                return event
            case .success(nil): continue
            case .failure(let error): countUndecodable(error, type: lastRecordType)
            }
        }
    }

    /// Waits up to `timeout` for the next event while a writer appends (`evlog replay --follow`).
    /// Returns nil on timeout or on real damage (then `damage` is set and not a torn tail).
    public func next(waitingUpTo timeout: Duration) -> Event? {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while clock.now < deadline {
            let record: LogRecord?
            do {
                record = try reader.next(timeout: deadline - clock.now)
            } catch {
                readError = error
                return nil
            }
            guard let record else { return nil }
            if let event = decode(record.payload) { return event }
        }
        return nil
    }

    /// The next event a writer has appended by now, without waiting (a follower that sleeps between
    /// polls itself: `evlog serve`'s event streams). Nil when there is none yet, or at real damage
    /// (then `damage` is set and not a torn tail).
    public func nextAppended() -> Event? {
        while true {
            let record: LogRecord?
            do {
                record = try reader.nextAppended()
            } catch {
                readError = error
                return nil
            }
            guard let record else { return nil }
            if let event = decode(record.payload) { return event }
        }
    }

    /// A one-line account of why reading stopped early, or nil when the whole log was read.
    public var stopReason: String? {
        if let readError { return "reading stopped: \(readError)" }
        if let damage { return "the log is \(damage.summary): \(damage.reason)" }
        return nil
    }

    /// The event a record completes (nil: a part before an event's last), through the policy when the log
    /// needs it. An event stored as parts is redacted once joined.
    private func event(stored payload: UnsafeRawBufferPointer) throws(EventDecodingError) -> Event? {
        guard scrubber != nil, !(countsOutputOnly && payload.first == EventPayload.outputChunkTag) else { return try joiner.event(from: payload) }
        work?.add(payload.count)
        guard payload.first == EventParts.tag else {
            try joiner.wholeRecordComes()
            return try scrubber!.event(stored: payload)
        }
        guard let joined = try joiner.event(from: payload) else { return nil }
        return try scrubber!.event(read: joined)
    }

    /// The event `payload` completes (nil: a part before an event's last, or a record that is no event).
    private func decode(_ payload: [UInt8]) -> Event? {
        let decoded = payload.withUnsafeBytes { raw in Result { () throws(EventDecodingError) in try event(stored: raw) } }
        switch decoded {
        case .success(let event?):
            eventCount += 1
            return event
        case .success(nil):
            return nil
        case .failure(let error):
            countUndecodable(error, type: payload.withUnsafeBytes(PlanEventStream.jsonType))
            return nil
        }
    }

    /// The `"type"` a JSON event record names (read before decoding, for a record that then does not decode).
    private var lastRecordType: String?

    /// The evlog that wrote the log, as its header names it (`evlog 0.0.9`).
    public var writtenBy: String { reader.header.creator }

    private func countUndecodable(_ error: EventDecodingError, type: String?) {
        if undecodableRecords == 0 { firstUndecodable = (type, error.description) }
        undecodableRecords += 1
    }

    /// The value of a JSON record's `"type"` field, when the record is JSON and names one.
    static func jsonType(_ payload: UnsafeRawBufferPointer) -> String? {
        guard payload.first == EventPayload.jsonTag else { return nil }
        let key = Array(#""type":""#.utf8)
        let bytes = Array(payload.prefix(4096))
        guard let start = bytes.indices.first(where: { bytes[$0...].starts(with: key) }).map({ $0 + key.count }),
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\""))
        else { return nil }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
