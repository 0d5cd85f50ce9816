import Orchestrator
import Sealing

extension PlanArchive {
    /// Why the log at `path` may not be acted on as the record of an install (integrity13 #7), or nil: a seal fails
    /// (edited in place), records come after its final seal or cannot be what a crash left, a seal is by another key
    /// than this host's (`hostFingerprint`), or it ends before a seal of it this home saw (cut back). A log written
    /// before the host had a key carries no seals and is read as it is.
    public func recordTrustProblem(ofLogAt path: String, hostFingerprint: String?) throws -> String? {
        let report: SealReport
        do { report = try SealVerifier.verify(path: path) } catch { return error.description }
        if let edit = report.editFound { return edit }
        if let host = hostFingerprint, let other = report.signers.first(where: { $0 != host }) {
            return "it is sealed by \(other), not by this host's key \(host)"
        }
        return try rolledBack(path, report: report, undone: "nothing was changed").map(\.description)
    }
}
