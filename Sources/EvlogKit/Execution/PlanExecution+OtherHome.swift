import Foundation
import Orchestrator
import Sealing

extension PlanExecution {
    /// The refusal for a log in this home's `plans/` that another home created and that was not closed there — its
    /// last seal is not final: a crash, or a run there still going — and that no writer of this home has sealed: a
    /// copy of that home's plan (integrity13 #12). Its writer lock is on another file, so resuming it here would run
    /// the plan twice, here and there. A closed log from elsewhere continues here through `resume FILE --key` (checked,
    /// shown, copied); once this home's writer has sealed it, its record of seals names it, and it is this home's to
    /// resume. Nil for any other log.
    func copiedFromAnotherHome(_ path: String, report: SealReport) -> UserFacingError? {
        guard let creator = PlanLog(path: path).creatingHome, creator != HomeIdentity(archive: archive).existing, inPlansDirectory(path),
              let seal = report.lastValid, !seal.final, let end = report.endPoint,
              (try? LastSeenSeals(path: archive.lastSeenSeals))?.seen(end) == nil
        else { return nil }
        return UserFacingError(
            "\(path) is a copy of a plan another home (\(creator)) created and never closed (its last seal, seal \(seal.counter), is not "
                + "final: a crash, or a run still going there): one plan has one writer, in the home that created it; resume it there "
                + "(once it is closed, `evlog resume FILE --key PUB` continues it here in a copy); nothing was run")
    }

    /// `path` is in this home's `plans/`, symbolic links resolved.
    func inPlansDirectory(_ path: String) -> Bool {
        URL(fileURLWithPath: path).deletingLastPathComponent().resolvingSymlinksInPath().path
            == URL(fileURLWithPath: archive.plansDirectory).resolvingSymlinksInPath().path
    }
}
