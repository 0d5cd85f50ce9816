import Foundation
import Orchestrator
import InstallModel
import Sealing

extension PlanExecution {
    /// The refusal for a log in this home's `plans/` that is not this home's to continue, or nil. One plan has one
    /// writer, in the home that created it: a log sealed by this host's key alone (`own`, its fingerprint) whose header
    /// names another home was copied in (integrity13 #12, integrity16 #8: closed or not, resuming it here would run it
    /// twice, here and there), unless this home took it over (`resume FILE --key` continues a copy it lists in
    /// `adopted-plans`). One another key sealed is read-only until `--key` admits it, and an unsealed one is refused,
    /// both by `ForeignLogOptions`. A log of this home's id in
    /// a home that is a copy of another directory still holding that id (`cp -a`, a restored backup, rsync:
    /// `HomeIdentity.copiedFrom`) belongs to the original (integrity16 #2).
    func copiedFromAnotherHome(_ path: String, plan: PlanID, report: SealReport, own: String?) -> UserFacingError? {
        guard inPlansDirectory(path), let creator = PlanLog(path: path).creatingHome else { return nil }
        let identity = HomeIdentity(archive: archive)
        guard creator == identity.existing else {
            guard report.isSealed, let own, report.signers.allSatisfy({ $0 == own }), !CreatedPlans.adopted(in: archive).contains(plan)
            else { return nil }
            return UserFacingError(
                "\(path) is a copy of plan \(plan), which another home (\(creator)) created: one plan has one writer, in the home that "
                    + "created it; resume it there (a plan that ended there continues here with `evlog resume FILE --key PUB`, FILE a copy "
                    + "outside plans/); nothing was run")
        }
        guard let original = identity.copiedFrom(holding: plan) else { return nil }
        return UserFacingError(
            "\(archive.home) is a copy of the home \(original) (its home-id came along: cp -a, a restored backup, rsync), which is "
                + "still there: plan \(plan) was created there, and one plan has one writer; resume it in \(original) (if this copy is to "
                + "take that home's place, move or remove \(original) first); nothing was run")
    }

    /// `path` is in this home's `plans/`, symbolic links resolved.
    func inPlansDirectory(_ path: String) -> Bool {
        URL(fileURLWithPath: path).deletingLastPathComponent().resolvingSymlinksInPath().path
            == URL(fileURLWithPath: archive.plansDirectory).resolvingSymlinksInPath().path
    }
}
