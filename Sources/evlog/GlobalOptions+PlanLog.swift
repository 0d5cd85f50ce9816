import EvlogKit
import Foundation
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
