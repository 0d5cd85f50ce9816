import InstallModel

/// `evlog replay --at <seq|step>`: the state at a point of a log, folded in one pass over a stream of
/// events (memory: one `PlanState`). The state shown is the fold of exactly the events up to the point.
public enum TimeTravel {
    /// Why a point could not be found.
    public enum Miss: Error, Equatable, CustomStringConvertible {
        case noEventEndsStep(String)
        case beforeFirstEvent(UInt64)

        public var description: String {
            switch self {
            case .noEventEndsStep(let step): "no event ends step '\(step)' in this log; give an event number or a step id"
            case .beforeFirstEvent(let sequence): "the log has no event numbered \(sequence) or lower"
            }
        }
    }

    /// The event number a point names, when it names one (else it names a step).
    public static func sequence(of target: String) -> UInt64? { UInt64(target) }

    /// The state at the point: after every event numbered `target` or lower when it is a number, else
    /// after the last event that ended the step named `target` (done, failed, skipped). `events` may
    /// start at a checkpoint, with `start` the state before it (a checkpoint replaces it anyway).
    public static func state(_ events: some Sequence<Event>, at target: String, from start: PlanState = PlanState()) throws(Miss) -> PlanState {
        var state = start
        if let sequence = sequence(of: target) {
            var applied = 0
            for event in events {
                if event.sequence > sequence { break }
                state.apply(event)
                applied += 1
            }
            guard applied > 0 else { throw .beforeFirstEvent(sequence) }
            return state
        }
        var atEnd: PlanState?
        for event in events {
            state.apply(event)
            if ends(event, step: target) { atEnd = state }
        }
        guard let atEnd else { throw .noEventEndsStep(target) }
        return atEnd
    }

    /// Whether the event is the end of the step named `step`.
    public static func ends(_ event: Event, step: String) -> Bool {
        switch event.body {
        case .stepDone(let id, _, _, _), .stepFailed(let id, _, _), .stepSkipped(let id, _, _): id.rawValue == step
        default: false
        }
    }
}
