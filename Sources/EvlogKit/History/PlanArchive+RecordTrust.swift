import Orchestrator
import Sealing

extension PlanArchive {
    /// Why the log at `path` may not be acted on as the record of an install (integrity13 #7), or nil: a seal fails
    /// (edited in place), records come after its final seal or cannot be what a crash left, the home does not vouch for
    /// it (`HomeVouching`: sealed by a key that is neither this host's nor one it had before, or a log of this home
    /// without the seals this home puts on every log, integrity23 #8 #11), or it ends before a seal of it this home saw
    /// (cut back). A log written before the host had a key carries no seals and is read as it is. `keyDirectory`: where
    /// this host's keys are kept.
    public func recordTrustProblem(ofLogAt path: String, keyDirectory: String = HostKey.directory()) throws -> String? {
        let report: SealReport
        do { report = try SealVerifier.verify(path: path) } catch { return error.description }
        if let edit = report.editFound { return edit }
        let log = PlanLog(path: path)
        if let distrust = HomeVouching(archive: self, keyDirectory: keyDirectory).judge(log).distrust { return distrust.note }
        return try rolledBack(path, report: report, undone: "nothing was changed").map(\.description)
    }
}
