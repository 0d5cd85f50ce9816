import EventLog
import Foundation
import InstallModel
import Orchestrator
import Rendering

extension GlobalOptions {
    /// The log a plan argument names (see `PlanLog.open`); no argument means the latest plan.
    /// A plan that cannot be found is a one-line usage error.
    func planLog(_ reference: String?) throws -> PlanLog {
        if reference == PlanLog.latestFailedName { return try latestFailedLog() }
        do {
            return try PlanLog.open(reference ?? PlanLog.latestName, home: homeDirectory)
        } catch {
            throw UserFacingError(error.description)
        }
    }

    /// `latest-failed` (`PlanLog.latestFailure`); the failed `evlog run` recordings it passes over are
    /// named on stderr, so the answer never hides a newer failure.
    private func latestFailedLog() throws -> PlanLog {
        let failure = PlanLog.latestFailure(home: homeDirectory)
        if let newest = failure.newerRecordings.first {
            let more = failure.newerRecordings.count > 1 ? " (and \(failure.newerRecordings.count - 1) older)" : ""
            Terminal.print(
                "evlog: latest-failed passes over \(newest.id)\(more), a failed `evlog run` recording; name it by its id to read it",
                to: STDERR_FILENO)
        }
        guard let log = failure.log else {
            throw UserFacingError(PlanLogError.noFailedPlan(PlanArchive(home: homeDirectory).plansDirectory).description)
        }
        return log
    }

    /// Colours only when they are allowed (see `useColor`).
    var textStyle: TextStyle { TextStyle(colored: useColor) }
}

extension PlanLog {
    /// The log's events as a stream; a log that cannot be opened at all is a usage error.
    func readableEvents() throws -> PlanEventStream {
        do {
            return try events()
        } catch {
            throw UserFacingError(error.description)
        }
    }

    /// The plan's timeline, built while streaming; damage at the end is reported on stderr and the rest is used.
    func timeline() throws -> RunTimeline {
        try timeline(of: readableEvents())
    }

    /// The timeline from the checkpoint before the last attempts of `steps` (see
    /// `eventsCoveringLastAttempts`): its state is the plan's, its attempts start there.
    func timeline(coveringLastAttemptsOf steps: [StepState]) throws -> RunTimeline {
        do {
            return timeline(of: try eventsCoveringLastAttempts(of: steps))
        } catch {
            throw UserFacingError(error.description)
        }
    }

    private func timeline(of stream: PlanEventStream) -> RunTimeline {
        let timeline = RunTimeline(events: stream)
        stream.warnIfStoppedEarly("reporting the \(stream.eventCount) events before it")
        return timeline
    }

    /// The state from the last checkpoint; a log that cannot be opened is a usage error.
    func currentState() throws -> PlanState { try currentStateAndDamage().state }

    /// The state from the last checkpoint and the damage met after it; a log that cannot be opened is a usage error.
    func currentStateAndDamage() throws -> (state: PlanState, damage: LogDamage?) {
        do {
            return try stateAndDamageFromLastCheckpoint()
        } catch {
            throw UserFacingError(error.description)
        }
    }
}

extension PlanEventStream {
    /// Tells stderr why reading stopped before the end, and what was done with the events before that.
    func warnIfStoppedEarly(_ consequence: String) {
        guard let reason = stopReason else { return }
        Terminal.print("evlog: \(reason); \(consequence)", to: STDERR_FILENO)
    }
}
