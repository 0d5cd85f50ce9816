import EventLog
import InstallModel
import Sealing

extension PlanLog {
    /// A plan's state as its log's seals let it be known, and what the fold met after the log's last seal.
    public struct SealedFold {
        /// The state: in a sealed log, what its seals cover, and after its last seal only what a crash leaves there.
        public var state: PlanState
        /// Where reading stopped at damage, if it did.
        public var damage: LogDamage?
        /// What follows the log's last seal, nil when nothing does or the log carries no seal.
        public var unsealed: UnsealedTail?
        /// The records the home whose `plans/` holds the log does not vouch for (`HomeVouching`): none of them was folded.
        public var distrust: HomeVouching.Distrust? = nil
        /// Set when the log ends before a seal of it its home saw (`HomeVouching`).
        public var rolledBack: String? = nil
        /// With `checkingSeals`, the line saying that a seal among the records the fold read is broken (`sealNote`'s,
        /// from `SealTailVerifier`); nil when they hold, or when not asked.
        public var tailSealNote: String? = nil
    }

    /// The events after a sealed log's last seal: none of them is vouched for by a seal.
    public struct UnsealedTail: Sendable, Equatable {
        /// Events after the last seal.
        public var events: Int
        /// Those of them a writer seals as it records them (`step_done`, `plan_done`, a checkpoint, …), so no crash
        /// leaves them unsealed: appended later, or a live writer's between its event and the seal right after it.
        /// They are not folded into the state.
        public var notFolded: Int
        /// The last seal before them is final: the writer closed the log, so no crash left them (integrity25 #5).
        public var afterFinalSeal = false

        public init(events: Int, notFolded: Int, afterFinalSeal: Bool = false) {
            self.events = events
            self.notFolded = notFolded
            self.afterFinalSeal = afterFinalSeal
        }

        /// Whether no crash left them: some are events a writer seals as it records them, or they follow a final seal.
        public var appendedLater: Bool { notFolded > 0 || afterFinalSeal }

        /// What `status` and `list` say of the tail of a log no writer holds.
        public var note: String {
            if notFolded == 0, afterFinalSeal {
                return "not sealed: \(events) events after its final seal (appended later: a writer that closed its log adds nothing, and no crash "
                    + "leaves records after a final seal); they are not what evlog recorded (see `evlog verify`)"
            }
            guard notFolded == 0 else {
                return "not sealed: \(events) events after its last seal, \(notFolded) of them ones a writer seals as it records them "
                    + "(appended later, not by a crash), are not taken as the plan's state (see `evlog verify`)"
            }
            return "unsealed tail: \(events) events after its last seal (what a crash leaves: the running step's output and commands)"
        }
    }

    /// Whether a writer records the event without sealing it right after (`EventBody.isStateTransition`, and
    /// `command_started`, which writers before it was sealed left unsealed), or it says nothing of the plan's
    /// state (seals, marks, events of a newer evlog): all a crash can leave after the last seal.
    static func mayFollowLastSeal(_ event: Event) -> Bool {
        switch event.body {
        case .outputChunk, .commandStarted, .commandFinished, .unknown: true
        default: false
        }
    }


    /// The plan's state folded from the last checkpoint, where records no seal covers never decide it
    /// (integrity16 finding 1): in a sealed log, an event after the last seal that a writer seals as it records it
    /// (a `step_done`, a `plan_done`) is not folded; a step whose end no seal covers stays open, and `resume` runs it
    /// again. Output and command events of the running steps are folded, as a crash leaves them. The same holds for the
    /// records behind an `unsealed_at_crash` mark, which the seal after it covers but no writer that wrote them vouched
    /// for (integrity23 #3: a format-1 log's forged tail, taken over by `resume`, became history and its forged step
    /// ran). One pass when no such event is there (every log a writer closed or a crash left); a second, from the same
    /// checkpoint, when one is. `stopped` is asked every `eventsBetweenStopChecks` events: nil once it says to stop.
    /// Records the log's home does not vouch for (`HomeVouching`: no seal in a home that seals, another key's seals)
    /// are folded as a forged tail is, from the log's first record: only output and command events, and the plan. With
    /// `checkingSeals`, the seals the first pass reads are checked as it reads them (`SealTailVerifier`: from the first
    /// seal after the checkpoint on, with no pass over what comes before; `tailSealNote`).
    /// `reading`: the log's `SealReading` when the caller made it already (one pass for all a command or page asks);
    /// without it, the home's judgement makes one pass. A reading made with keys folds what they do not seal as a
    /// forged tail too.
    public func sealedFold(
        checkingSeals: Bool = false, reading: SealReading? = nil, stopped: () -> Bool = { false }
    ) throws(PlanLogError) -> SealedFold? {
        // A log in a home's `plans/` is passed over once for the home's judgement anyway: the reading keeps that pass's
        // report too (whether the last seal is final).
        let reading = reading ?? (HomeVouching.of(self) != nil ? sealReading() : nil)
        let judged = reading?.home
        let distrust = reading?.unkeyed ?? judged?.distrust
        let sealed = try holdsSeals() || distrust != nil
        var state = PlanState()
        let stream = distrust == nil ? try eventsFromLastCheckpoint() : try eventsFromLastCheckpoint(where: { _ in false })
        // The fold only counts output: its chunks need not pass the secret policy (`countsOutputOnly`).
        stream.countsOutputOnly = true
        let seals = sealed && checkingSeals ? SealTailVerifier(firstRecord: stream.nextRecordIndex) : nil
        if let seals { stream.recordObserver = { header, payload in seals.observe(header: header, payload: payload) } }
        defer { stream.recordObserver = nil }
        var start: (sequence: UInt64, isCheckpoint: Bool)?
        var read = 0
        var unvouched = UnvouchedEvents(distrustedFrom: distrust?.record)
        for event in stream {
            if read % Self.eventsBetweenStopChecks == 0, stopped() { return nil }
            if start == nil { start = (event.sequence, { if case .checkpoint = event.body { true } else { false } }()) }
            state.apply(event)
            unvouched.note(event, endingBefore: stream.nextRecordIndex)
            read += 1
        }
        guard sealed else { return SealedFold(state: state, damage: stream.damage, unsealed: nil, rolledBack: judged?.rolledBack) }
        let unsealed = unvouched.eventsAfterLastSeal > 0 && distrust?.record != 0
            ? UnsealedTail(events: unvouched.eventsAfterLastSeal, notFolded: unvouched.afterLastSeal.count,
                           afterFinalSeal: reading?.report?.lastValid?.final == true) : nil
        let skipped = unvouched.all
        let folded = SealedFold(
            state: state, damage: stream.damage, unsealed: unsealed, distrust: distrust, rolledBack: judged?.rolledBack,
            tailSealNote: seals?.broken.flatMap { PlanLog.sealNote($0, path: path) })
        guard !skipped.isEmpty, let start else { return folded }
        // Again from the same checkpoint (a live writer may have added a later one), as far as the first pass read.
        let again: PlanEventStream
        if start.isCheckpoint, distrust == nil {
            again = try eventsFromLastCheckpoint(where: { $0.sequence <= start.sequence })
        } else {
            again = try eventsFromLastCheckpoint(where: { _ in false })
        }
        again.countsOutputOnly = true
        again.skipping = skipped
        state = PlanState()
        var index = 0
        for event in again {
            guard again.nextRecordIndex <= stream.nextRecordIndex else { break }
            if index % Self.eventsBetweenStopChecks == 0, stopped() { return nil }
            state.apply(event)
            index += 1
        }
        var refolded = folded
        refolded.state = state
        return refolded
    }

    /// A stream `make` gives (a fresh one each call, of this log, from the same record), with the state events no
    /// writer vouched for left out as `sealedFold` leaves them out: found by a first pass over the same records. For
    /// the readers that show a plan's steps from its events (`what-failed`, `what-up`, `what-ran`, reports): the tail
    /// `status` does not take as the plan's state is not theirs either (integrity23 #5). A log without seals as it is.
    /// `reading`: the log's `SealReading` when the caller made it already.
    public func vouched(
        reading: SealReading? = nil, _ make: () throws(PlanLogError) -> PlanEventStream
    ) throws(PlanLogError) -> PlanEventStream {
        let distrust = reading.map(\.distrust) ?? HomeVouching.of(self)?.judge(self).distrust
        guard try holdsSeals() || distrust != nil else { return try make() }
        let first = try make()
        first.countsOutputOnly = true
        var unvouched = UnvouchedEvents(distrustedFrom: distrust?.record)
        for event in first { unvouched.note(event, endingBefore: first.nextRecordIndex) }
        let stream = try make()
        stream.skipping = unvouched.all
        return stream
    }
}

extension PlanLog {
    /// The state events behind an `unsealed_at_crash` mark (each known by the index of the record after it, as a stream's
    /// `nextRecordIndex` says after it): covered by the seal after the mark, vouched for by no writer that wrote them,
    /// never folded. `export --jsonl` marks their lines `unsealed_at_crash` so that an import keeps them apart too
    /// (integrity25 #2: a format-1 log's forged `step_done` behind a mark became the imported plan's history).
    public func stateEventsBehindCrashMarks() throws(PlanLogError) -> Set<UInt64> {
        guard try holdsSeals() else { return [] }
        let stream = try events()
        stream.countsOutputOnly = true
        var unvouched = UnvouchedEvents()
        for event in stream { unvouched.note(event, endingBefore: stream.nextRecordIndex) }
        return unvouched.underCrashMarks
    }
}

/// Which events of a sealed log no writer vouched for as the plan's state, met in order: those a writer seals as it
/// records them (`PlanLog.mayFollowLastSeal` says which may come unsealed) that come after the last seal, or between a
/// seal and an `unsealed_at_crash` mark. Each is known by the log-wide index of the record after it.
struct UnvouchedEvents {
    /// The first record the log's home does not vouch for (`HomeVouching.Distrust`), if any.
    let distrustedFrom: UInt64?
    /// The state events from there on, but the plan's creation (what the plan is, not what happened to it).
    private var distrusted: Set<UInt64> = []
    /// Whether a seal was met: in a log with none that its home distrusts, nothing is "after its last seal".
    private var sawSeal = false
    /// Behind crash marks.
    private(set) var underCrashMarks: Set<UInt64> = []
    /// Since the last seal or mark.
    private(set) var afterLastSeal: [UInt64] = []
    /// Every event since the last seal (none is vouched for by a seal), counted.
    private(set) var eventsAfterLastSeal = 0

    init(distrustedFrom: UInt64? = nil) { self.distrustedFrom = distrustedFrom }

    mutating func note(_ event: Event, endingBefore record: UInt64) {
        if let distrustedFrom, record > distrustedFrom, !PlanLog.mayFollowLastSeal(event) {
            if case .planCreated = event.body {} else { distrusted.insert(record) }
        }
        switch event.body {
        case .unknown(SealMarks.sealType):
            sawSeal = true
            afterLastSeal = []
            eventsAfterLastSeal = 0
            return
        case .unknown(SealMarks.crashTailType):
            underCrashMarks.formUnion(afterLastSeal)
            afterLastSeal = []
        default:
            if !PlanLog.mayFollowLastSeal(event) { afterLastSeal.append(record) }
        }
        eventsAfterLastSeal += 1
    }

    /// Every event left out.
    var all: Set<UInt64> { underCrashMarks.union(sawSeal || distrustedFrom == nil ? afterLastSeal : []).union(distrusted) }
}
