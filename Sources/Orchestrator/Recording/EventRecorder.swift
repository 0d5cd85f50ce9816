import InstallModel

/// The single writer of a plan's events: numbers them, stamps them, stores them, folds them.
///
/// State transitions are synced before `record` returns (ARCHITECTURE.md, principle 3); output chunks
/// ride group commit. Observers see each event after it is stored.
public final class EventRecorder {
    public private(set) var state: PlanState
    private let store: any EventStore
    private let clock: any EventClock
    private var observers: [any EventObserver] = []
    private let crash: CrashInjection?
    /// Secrets scrubbed from every JSON event before it is stored (a label or argv a user typed them into).
    private let scrubber: JSONSecretScrubber
    /// A checkpoint is written after this many events, so `status` can start folding near the end.
    public static let checkpointIntervalEvents = 4096
    private var eventsSinceCheckpoint = 0

    /// Continues a plan whose events so far folded to `state`.
    public init(
        store: any EventStore, clock: any EventClock, state: PlanState = PlanState(), crash: CrashInjection? = nil,
        secrets: [String] = []
    ) {
        self.store = store
        self.clock = clock
        self.state = state
        self.crash = crash
        scrubber = JSONSecretScrubber(secrets: secrets)
    }

    public func addObserver(_ observer: any EventObserver) { observers.append(observer) }

    /// Records one event at `time` (default: the clock's now) and returns it.
    @discardableResult
    public func record(_ body: EventBody, at time: Timestamp? = nil) throws -> Event {
        let stamp = max(time ?? clock.now(), state.lastEventAt ?? Timestamp(microseconds: .min))
        var event = Event(sequence: state.lastSequence + 1, time: stamp, body: body)
        var payload = try EventPayload.encode(event)
        // What is stored is what is folded and shown: a scrubbed event replaces the original.
        if scrubber.scrub(&payload) { event = try EventPayload.decode(payload) }
        try store.append(payload, checkpoint: false)
        if body.isStateTransition { try store.sync() }
        state.apply(event)
        for observer in observers { observer.observe(event, state: state) }
        eventsSinceCheckpoint += 1
        if let crash, event.sequence == crash.afterEvent { try crash.action() }
        if eventsSinceCheckpoint >= EventRecorder.checkpointIntervalEvents { try checkpoint() }
        return event
    }

    /// Records a snapshot of the state so a reader can start folding here.
    public func checkpoint() throws {
        eventsSinceCheckpoint = 0
        let event = Event(sequence: state.lastSequence + 1, time: state.lastEventAt ?? clock.now(), body: .checkpoint(state))
        var payload = try EventPayload.encode(event)
        _ = scrubber.scrub(&payload)
        try store.append(payload, checkpoint: true)
        state.apply(event)
    }

    public func sync() throws { try store.sync() }

    public func close() throws { try store.close() }
}
