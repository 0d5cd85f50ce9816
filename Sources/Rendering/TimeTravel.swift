import InstallModel

/// `evlog replay --at <seq|step>`: which prefix of a log a point in time means. The state shown is
/// `PlanState.fold` of exactly that prefix.
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

    /// The number of events up to the point: every event numbered `target` or lower when it is a
    /// number, else up to the last event that ended the step named `target` (done, failed, skipped).
    public static func prefixCount(_ events: [Event], at target: String) throws(Miss) -> Int {
        if let sequence = UInt64(target) {
            let count = events.prefix { $0.sequence <= sequence }.count
            guard count > 0 else { throw .beforeFirstEvent(sequence) }
            return count
        }
        guard let end = events.lastIndex(where: { event in
            switch event.body {
            case .stepDone(let step, _, _, _), .stepFailed(let step, _, _), .stepSkipped(let step, _, _): step.rawValue == target
            default: false
            }
        }) else { throw .noEventEndsStep(target) }
        return end + 1
    }

    /// The state at the point.
    public static func state(_ events: [Event], at target: String) throws(Miss) -> PlanState {
        PlanState.fold(events.prefix(try prefixCount(events, at: target)))
    }
}
