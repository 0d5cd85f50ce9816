import Foundation
import Orchestrator

extension PlanArchive {
    /// Refuses, before anything is recorded or run, to write in a home another user can change
    /// (`PlanArchive.sharedWithOthersProblem`, trust16 #10): that user could swap what root installs and runs, or
    /// point a directory in it (`reproductions/`) where root's writes land outside the home (repro20 #9) — and, for any
    /// user, rename the plans away and put their own in place (trust20 #8: a 0777 `--home` another user made). The one
    /// rule of every command that writes in the home: `install`, `run`, `resume`, `reproduce`, and `serve`, which
    /// starts them (serve22 #7).
    ///
    /// `making: false` judges a missing home by where it would be made and makes nothing: `serve` starts on a home
    /// no plan was written to yet without creating it (serve22 #10: a mistyped `--home` made its parents); the
    /// first plan started from the page makes it, through this check with `making: true`.
    public func refuseSharedHome(making: Bool = true) throws {
        // A home not made yet is made first, root's alone, and then judged: judged by its parent instead (`/tmp`, a
        // sticky passage) it would be refused, and judged missing another user could make it between the check and
        // its use. One another user made first is theirs, and refused. Where it would be made is judged first, so
        // nothing is made in another user's directory (`sudo -E` keeps that user's HOME).
        if !FileManager.default.fileExists(atPath: home) {
            if let problem = homeCreationProblem() { throw refusal(problem) }
            guard making else { return }
            try? FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        guard let problem = sharedWithOthersProblem() else { return }
        throw refusal(problem)
    }

    private func refusal(_ problem: String) -> UserFacingError {
        guard geteuid() != 0 else {
            return UserFacingError(
                "running as root, evlog will not use the home \(home): \(problem), so another user could swap what root "
                    + "installs; use a home only root can write (--home DIR with a new directory, or chown root and chmod go-w it)")
        }
        return UserFacingError(
            "evlog will not use the home \(home): \(problem), so another user could swap its plans and what evlog "
                + "installs; use a home only you can write (--home DIR with a new directory, or chmod go-w it)")
    }
}
