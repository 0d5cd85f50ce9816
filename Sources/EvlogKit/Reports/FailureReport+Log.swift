import Orchestrator
import Rendering
import Sealing

extension FailureReport {
    /// What `evlog what-failed` shows of `log`, from one `SealReading` (one pass over the file for the note, the fold,
    /// the events shown and the remediations withheld, integrity26); with `keys`, what they do not seal is marked and
    /// not taken as the plan's state. `warnings`: the lines for stderr, in order (the seal note, then the
    /// remediations no seal covers, which are left out).
    public static func of(_ log: PlanLog, keys: TrustedKeys? = nil) throws -> (report: FailureReport, warnings: [String]) {
        let reading = log.sealReading(trusting: keys)
        var warnings = log.sealNote(reading).map { [$0] } ?? []
        // On a huge log, only the part from the checkpoint before the failed attempts is decoded.
        let state = try log.currentState(reading: reading)
        let failed = state.steps.filter { $0.status == .failed }
        var report = FailureReport(try log.timeline(coveringLastAttemptsOf: failed, reading: reading))
        if !log.writer.isRunning { report.writerStopped(state) }
        if let unsealed = log.unsealedProposals(reading.report) {
            warnings.append(unsealed.note)
            for index in report.failures.indices where unsealed.steps.contains(report.failures[index].step) { report.failures[index].remediations = [] }
        }
        return (report, warnings)
    }
}
