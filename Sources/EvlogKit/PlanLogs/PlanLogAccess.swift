import EventLog
import Foundation
import InstallModel
import Orchestrator
import Rendering

extension PlanLog {
    /// The log's events as a stream; a log that cannot be opened at all is a usage error.
    public func readableEvents() throws -> PlanEventStream {
        do {
            return try events()
        } catch {
            throw UserFacingError(error.description)
        }
    }

    /// The log's events without the state events no writer vouched for (`vouched`): the plan's steps as `status`
    /// shows them; a log that cannot be opened at all is a usage error. `reading`: the log's `SealReading`, when made.
    public func readableVouchedEvents(reading: SealReading? = nil) throws -> PlanEventStream {
        do {
            return try vouched(reading: reading) { () throws(PlanLogError) in try events() }
        } catch {
            throw UserFacingError(error.description)
        }
    }

    /// The plan's timeline, built while streaming, of the events its seals vouch for as its state (`vouched`); damage
    /// at the end is reported on stderr and the rest is used.
    public func timeline(reading: SealReading? = nil) throws -> RunTimeline {
        try timeline(of: readableVouchedEvents(reading: reading))
    }

    /// The timeline from the checkpoint before the last attempts of `steps` (see
    /// `eventsCoveringLastAttempts`): its state is the plan's, its attempts start there.
    public func timeline(coveringLastAttemptsOf steps: [StepState], reading: SealReading? = nil) throws -> RunTimeline {
        do {
            return timeline(of: try vouched(reading: reading) { () throws(PlanLogError) in try eventsCoveringLastAttempts(of: steps) })
        } catch {
            throw UserFacingError(error.description)
        }
    }

    private func timeline(of stream: PlanEventStream) -> RunTimeline {
        let timeline = RunTimeline(events: stream)
        stream.warnIfStoppedEarly("reporting the \(stream.eventCount) events before it")
        return timeline
    }

    /// `stateEventsBehindCrashMarks()`, its errors said as a user-facing one.
    public func readableStateEventsBehindCrashMarks() throws -> Set<UInt64> {
        do {
            return try stateEventsBehindCrashMarks()
        } catch {
            throw UserFacingError(error.description)
        }
    }

    /// The state from the last checkpoint; a log that cannot be opened is a usage error.
    public func currentState(reading: SealReading? = nil) throws -> PlanState { try currentSealedFold(reading: reading).state }

    /// `sealedFold(reading:)`, its errors said as a user-facing one.
    public func currentSealedFold(reading: SealReading? = nil) throws -> SealedFold {
        do {
            // Never stopped: never nil.
            return try sealedFold(reading: reading)!
        } catch {
            throw UserFacingError(error.description)
        }
    }

    /// The state from the last checkpoint and the damage met after it; a log that cannot be opened is a usage error.
    public func currentStateAndDamage() throws -> (state: PlanState, damage: LogDamage?) {
        let fold = try currentSealedFold()
        return (fold.state, fold.damage)
    }
}

extension PlanEventStream {
    /// Tells stderr why reading stopped before the end, and what was done with the events before that.
    public func warnIfStoppedEarly(_ consequence: String) {
        guard let reason = stopReason else { return }
        Terminal.print("evlog: \(reason); \(consequence)", to: STDERR_FILENO)
    }
}
