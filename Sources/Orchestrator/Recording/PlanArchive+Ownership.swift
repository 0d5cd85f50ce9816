import Foundation
import PathSafety

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension PlanArchive {
    /// Why another user could change this home or a directory evlog uses in it (`plans`, `work`, `backups`, `reproductions`, `serve`), or
    /// nil when only root and this user can (`LockedPath`; a directory not made yet is judged by the nearest one on
    /// its way that exists). Root reads back what it left there — the unpacked release it installs and runs, fetched
    /// keys, the backups a rollback restores — so another user who may write any of them could swap it in between
    /// (trust16 #10: a 0777 `--home`, or one whose `work/` that user made).
    public func sharedWithOthersProblem(user: uid_t = geteuid()) -> String? {
        for directory in [home, plansDirectory, workDirectory, backupDirectory, reproductionsDirectory, serveDirectory] {
            if let problem = LockedPath.directoryProblem(directory, user: user, orNearestParent: true) { return problem }
        }
        return nil
    }

    /// Why the missing home could not be made root's (or `user`'s) alone: the nearest directory on its path that
    /// exists is another user's or shared (`LockedPath.creationProblem`); nil when it may be made.
    public func homeCreationProblem(user: uid_t = geteuid()) -> String? {
        LockedPath.creationProblem(home, user: user)
    }
}
