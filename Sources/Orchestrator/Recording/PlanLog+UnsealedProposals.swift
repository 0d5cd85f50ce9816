import EventLog
import InstallModel
import Sealing

extension PlanLog {
    /// Remediations proposed by records after the log's last seal: which steps they are for, and one line saying
    /// which record was left out and why.
    public struct UnsealedProposals: Sendable {
        public var steps: Set<StepID>
        public var note: String
    }

    /// The `remediation_proposed` records no seal covers (appended after the final seal, where no crash leaves
    /// one, or after a seal an edit broke: integrity20 #2); nil when a seal covers every proposal, or the log has no
    /// seal (nothing is claimed then). Readers that offer remediations (`remedy`, `what-failed`, the plan page)
    /// withhold those steps' and print the note (integrity18 #6). From `report`, what a pass over the log with no key
    /// expected found (`SealReading.report`: nil for a log without seals, which is not read whole again to find so,
    /// serve20b #3), for a reader that asks the seals more than this: one pass for all it asks.
    public func unsealedProposals(_ report: SealReport?) -> UnsealedProposals? {
        guard let report, let reason = report.uncoveredReason,
              report.broken != nil || (report.lastValid != nil && PlanLog.tailReasons.contains(reason)),
              let first = report.firstUncovered, let reader = try? LogReader(path: path)
        else { return nil }
        let place = report.broken.map { "comes after broken seal \($0.sealIndex) (an edit or an inserted record)" }
            ?? "comes after the log's last seal (\(reason.replacingOccurrences(of: "_", with: " ")))"
        var proposals: [(record: UInt64, step: StepID)] = []
        try? reader.forEachRecord { index, _, payload in
            guard index >= first, case .remediationProposed(let step, _, _)? = (try? EventPayload.decode(payload))?.body else { return }
            proposals.append((index, step))
        }
        guard let earliest = proposals.first else { return nil }
        let note = "record \(earliest.record) (remediation_proposed for step \(earliest.step.rawValue)) \(place): "
            + "it is not the host's, so its remediations are not shown; "
            + "see `evlog verify \(path)`, and `evlog diagnose` for the ones evlog proposes"
        return UnsealedProposals(steps: Set(proposals.map(\.step)), note: note)
    }
}
