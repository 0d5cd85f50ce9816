import Foundation
import Orchestrator

extension PlanExecution {
    /// Refuses, before anything is recorded or run, to run as root in a home another user can change
    /// (`PlanArchive.sharedWithOthersProblem`, trust16 #10): that user could swap what root installs and runs.
    func refuseSharedHome() throws {
        guard geteuid() == 0, let problem = archive.sharedWithOthersProblem() else { return }
        throw UserFacingError(
            "running as root, evlog will not use the home \(archive.home): \(problem), so another user could swap what root "
                + "installs; use a home only root can write (--home DIR with a new directory, or chown root and chmod go-w it)")
    }
}
