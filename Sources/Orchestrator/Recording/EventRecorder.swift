import EventLog
import InstallModel
import Foundation

/// The single writer of a plan's events: redacts them, numbers them, stamps them, stores them, folds them.
///
/// This is where the run's `SecretPolicy` is applied, the one point every event passes before the
/// store or an observer (the terminal) sees it: output chunks as one stream per step and channel
/// (a held word is released before the step's next other event), every other event string by
/// string. State transitions are synced before `record` returns (ARCHITECTURE.md, principle 3);
/// output chunks ride group commit. Observers see each event after it is stored.
public final class EventRecorder {
    public private(set) var state: PlanState
    private let store: any EventStore
    private let clock: any EventClock
    private var observers: [any EventObserver] = []
    private let crash: CrashInjection?
    /// What is secret in this run; applied to every event before it is stored or observed.
    private var policy: SecretPolicy
    /// The redaction state of each step's output streams (what a chunk left held back).
    private var streams: [OutputStreamKey: SecretStream] = [:]
    /// The steps whose current command prints secrets bare (`SecretPrintingCommands`).
    private var secretPrintingSteps: Set<StepID> = []
    /// The output streams that have stored bytes (a stream dropped and made again goes on from them).
    private var streamsWithOutput: Set<OutputStreamKey> = []
    /// The largest output chunk stored in one event.
    public static let outputChunkBytesMax = 64 * 1024
    /// A checkpoint is written after this many events, so `status` can start folding near the end — and once the
    /// events since the last one take as many bytes as it did, so that the checkpoints of a plan of thousands of
    /// steps (megabytes each) stay a fraction of its log (FORMAT.md §7.8).
    public static let checkpointIntervalEvents = 4096
    private var eventsSinceCheckpoint = 0
    private var bytesSinceCheckpoint = 0
    /// The size of the last checkpoint this recorder stored.
    private var checkpointBytes = 0
    /// The size of the plan's JSON (from its `plan_created`, or encoded once): what a checkpoint holds at least.
    private var planBytes: Int?

    /// Continues a plan whose events so far folded to `state`.
    public init(
        store: any EventStore, clock: any EventClock, state: PlanState = PlanState(), crash: CrashInjection? = nil,
        policy: SecretPolicy = SecretPolicy()
    ) {
        self.store = store
        self.clock = clock
        self.state = state
        self.crash = crash
        self.policy = policy
    }

    public func addObserver(_ observer: any EventObserver) { observers.append(observer) }

    /// Records one event at `time` (default: the clock's now) and returns it as stored — or, for an
    /// output chunk, the last chunk stored (nil while everything it brought is held back).
    @discardableResult
    public func record(_ body: EventBody, at time: Timestamp? = nil) throws -> Event? {
        if case .outputChunk(let step, let stream, let data, _) = body {
            return try recordOutput(OutputStreamKey(step: step, stream: stream), data, at: time)
        }
        try releaseHeldOutput(of: body.stepID, at: time)
        if case .commandStarted(let step, let argv, _) = body {
            if SecretPrintingCommands.printsSecrets(argv) { secretPrintingSteps.insert(step) } else { secretPrintingSteps.remove(step) }
            streamsWithOutput = streamsWithOutput.filter { $0.step != step }
        }
        var event = Event(sequence: try nextSequence(), time: stamp(time), body: body)
        var payload = try EventPayload.encode(event)
        if case .planCreated = body { planBytes = payload.count }
        // What is stored is what is folded and shown: a scrubbed event replaces the original.
        let (replaced, learned) = policy.scrubLearning(payload: &payload, of: body)
        if replaced { event = try EventPayload.decode(payload) }
        if !learned.isEmpty { for key in streams.keys { streams[key]?.adopt(policy) } }
        return try persist(event, payload)
    }

    /// Registers what output gave by its structure (`password=X`: matched whole only; an event's command
    /// lines register theirs as it is scrubbed, `SecretPolicy.scrubLearning`), so the output and events that
    /// follow lose it too.
    private func learnFromOutput(_ values: [String]) {
        let learned = values.filter { $0.utf8.count >= SecretPolicy.learnedValueBytesMin }
        guard !learned.isEmpty else { return }
        policy = policy.registering(learned, fromOutput: true)
        for key in streams.keys { streams[key]?.adopt(policy) }
    }

    /// The sequence number of the next record; a log (input) whose last is `UInt64.max` cannot be continued.
    private func nextSequence() throws -> UInt64 {
        let (next, overflow) = state.lastSequence.addingReportingOverflow(1)
        guard !overflow else { throw SequenceExhausted() }
        return next
    }

    private func stamp(_ time: Timestamp?) -> Timestamp {
        max(time ?? clock.now(), state.lastEventAt ?? Timestamp(microseconds: .min))
    }

    private func recordOutput(_ key: OutputStreamKey, _ data: [UInt8], at time: Timestamp?) throws -> Event? {
        var stream = streams[key] ?? policy.makeStream()
        stream.printsSecrets = secretPrintingSteps.contains(key.step)
        stream.emittedAny = stream.emittedAny || streamsWithOutput.contains(key)
        // The line the step's other channel left unfinished goes on here, as a terminal shows it (a key
        // printed there last may have its separator or value here).
        for other in streams.keys.sorted() where other.step == key.step && other != key {
            guard var waiting = streams[other] else { continue }
            let (released, line) = waiting.takeUnfinishedLine(before: data)
            let found = waiting.takeFound()
            streams[other] = waiting.mustBeKept ? waiting : nil
            learnFromOutput(found)
            try storeOutput(other, released.bytes, redacted: released.redacted, at: time)
            stream.adopt(policy)
            stream.continueLine(line)
        }
        let (clean, redacted) = stream.process(data)
        let found = stream.takeFound()
        streams[key] = stream.mustBeKept ? stream : nil
        learnFromOutput(found)
        return try storeOutput(key, clean, redacted: redacted, at: time)
    }

    /// Emits what the output streams of `step` (of every step, for a plan-wide event) hold back, so
    /// output stays before the event that follows it.
    private func releaseHeldOutput(of step: StepID?, at time: Timestamp?) throws {
        for key in streams.keys.sorted() where step == nil || key.step == step {
            guard var stream = streams.removeValue(forKey: key) else { continue }
            let (rest, redacted) = stream.finish()
            learnFromOutput(stream.takeFound())
            try storeOutput(key, rest, redacted: redacted, at: time)
        }
    }

    /// Emits what `step`'s output streams hold back after its command went quiet (`StepSignal.Kind.quiet`),
    /// so those bytes reach the log within the flush bound instead of waiting for the step's next event. What
    /// is released is written out at once: it already waited the quiet time, and the block timer's wait on top
    /// would let a line printed just before a `kill -9` miss FORMAT.md §3.3's 200 ms (a lone word held as a
    /// possible secret value until its next line, or the quiet time, says what it is).
    public func releaseQuietOutput(of step: StepID, at time: Timestamp? = nil) throws {
        var released = false
        for key in streams.keys.sorted() where key.step == step {
            guard var stream = streams[key] else { continue }
            let (rest, redacted) = stream.releaseWhileQuiet()
            let found = stream.takeFound()
            streams[key] = stream.mustBeKept ? stream : nil
            learnFromOutput(found)
            released = released || !rest.isEmpty
            try storeOutput(key, rest, redacted: redacted, at: time)
        }
        if released { try store.sync() }
    }

    @discardableResult
    private func storeOutput(_ key: OutputStreamKey, _ bytes: [UInt8], redacted: Bool, at time: Timestamp?) throws -> Event? {
        if !bytes.isEmpty { streamsWithOutput.insert(key) }
        var last: Event?
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + EventRecorder.outputChunkBytesMax)
            let piece = start == 0 && end == bytes.count ? bytes : Array(bytes[start..<end])
            let event = Event(
                sequence: try nextSequence(), time: stamp(time),
                body: .outputChunk(step: key.step, stream: key.stream, data: piece, redacted: redacted))
            last = try persist(event, try EventPayload.encode(event))
            start = end
        }
        return last
    }

    private func persist(_ event: Event, _ payload: [UInt8]) throws -> Event {
        try store.append(records: try EventParts.records(payload, of: event, partsAllowed: store.acceptsEventParts), of: event)
        if event.body.isStateTransition { try store.sync() }
        state.apply(event)
        for observer in observers { observer.observe(event, state: state) }
        eventsSinceCheckpoint += 1
        bytesSinceCheckpoint += payload.count
        if let crash, event.sequence == crash.afterEvent { try crash.action() }
        if eventsSinceCheckpoint >= EventRecorder.checkpointIntervalEvents, bytesSinceCheckpoint >= checkpointBytes { try checkpoint() }
        return event
    }

    /// Records a snapshot of the state so a reader can start folding here. A snapshot larger than a record (a plan of
    /// thousands of steps) is stored as parts, the first flagged as the checkpoint (FORMAT.md §7.8, §7.9); one larger
    /// than an event may be, or larger than a record in a log created without parts, is left out: a checkpoint only
    /// saves readers time, and they fold from the one before, or from the start. When the plan and the least each
    /// step's state takes are larger already, the snapshot is not even encoded: that would hold the whole state
    /// several times over in memory to throw it away.
    public func checkpoint() throws {
        eventsSinceCheckpoint = 0
        bytesSinceCheckpoint = 0
        guard checkpointMayFit() else { return }
        let event = Event(sequence: try nextSequence(), time: state.lastEventAt ?? clock.now(), body: .checkpoint(state))
        // The state was folded from scrubbed events: nothing in it needs scrubbing again.
        let payload = try EventPayload.encode(event)
        guard let records = try? EventParts.records(payload, of: event, partsAllowed: store.acceptsEventParts) else { return }
        for (index, record) in records.enumerated() { try store.append(record, checkpoint: index == 0) }
        checkpointBytes = payload.count
        state.apply(event)
    }

    /// Whether the plan's JSON and each step's least state leave room for a checkpoint: in a record, or in the parts
    /// of one event when the log may hold them.
    func checkpointMayFit() -> Bool {
        guard let plan = state.plan else { return true }
        // Steps a remediation adds later only make the plan larger: the size known stays a lower bound.
        let created = Event(sequence: 0, time: Timestamp(microseconds: 0), body: .planCreated(plan))
        let planBytes = self.planBytes ?? (try? EventJSON.encode(created).count) ?? 0
        self.planBytes = planBytes
        let room = store.acceptsEventParts ? EventParts.payloadBytesMax : LogFormat.recordBytesMax
        return planBytes + state.steps.count * EventRecorder.stepStateBytesMin <= room
    }

    /// The fewest bytes a step's state takes in a checkpoint: a pending step with a one-byte id.
    static let stepStateBytesMin = (try? JSONEncoder().encode(StepState(id: "s")).count) ?? 0

    public func sync() throws { try store.sync() }

    /// Stores what output is still held back, then closes the store.
    public func close() throws {
        try releaseHeldOutput(of: nil, at: nil)
        try store.close()
    }
}

/// One output stream of one step: what a `SecretStream` redacts.
struct OutputStreamKey: Hashable, Comparable {
    var step: StepID
    var stream: OutputChannel

    static func < (a: OutputStreamKey, b: OutputStreamKey) -> Bool {
        (a.step.rawValue, a.stream.rawValue) < (b.step.rawValue, b.stream.rawValue)
    }
}

/// A log whose last sequence number is `UInt64.max`: no record can follow it (FORMAT.md §7.3).
public struct SequenceExhausted: Error, CustomStringConvertible {
    public var description: String {
        "the log's last event has sequence number \(UInt64.max), so nothing can follow it (a forged log); nothing was added to it"
    }
}
