extension SealReport {
    /// Why a log with this report may not be accepted as the latest of its log (`verify --accept-rollback`), whatever
    /// the record of seals seen says, or nil. The decision overrides only the record's verdicts (older, forked,
    /// unrecorded): never a seal that fails, no seal at all, records after the seals that no crash left, or — for a
    /// log that names this home (`hostFingerprint` given) — a seal by another key than this host's.
    public func acceptanceProblem(hostFingerprint: String?) -> String? {
        if endPoint == nil || broken != nil { return "has no valid seal to record (\(summary))" }
        if let later = tailAppendedLater { return "holds records no seal covers that no crash left: \(later)" }
        if let host = hostFingerprint, let other = signers.first(where: { $0 != host }) {
            return "names this home but is sealed by \(other), not by this host's key \(host)"
        }
        return nil
    }
}
