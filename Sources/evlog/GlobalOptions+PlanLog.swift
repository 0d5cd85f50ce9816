import EvlogKit
import Orchestrator
import Rendering

extension GlobalOptions {
    /// The log a plan argument names (see `PlanLog.open`); no argument means the latest plan.
    /// A plan that cannot be found is a one-line usage error.
    func planLog(_ reference: String?) throws -> PlanLog {
        do {
            return try PlanLog.open(reference ?? PlanLog.latestName, home: homeDirectory)
        } catch {
            throw UserFacingError(error.description)
        }
    }

    /// Colours only when they are allowed (see `useColor`).
    var textStyle: TextStyle { TextStyle(colored: useColor) }
}
