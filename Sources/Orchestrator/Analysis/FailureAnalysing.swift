import InstallModel

/// Explains failed steps. When a step fails, the orchestrator streams that step's output back from the
/// log into a session, so a failure is analysed without keeping megabytes of output around and a step
/// that succeeds costs no analysis at all.
///
/// Contract: sessions hold bounded memory whatever is fed; `finish` always returns a diagnosis
/// (`unknown` when nothing matched); `propose` returns remediations ranked best first, ending with the
/// fallbacks retry / skip / cancel.
public protocol FailureAnalysing: Sendable {
    func makeSession(for step: Step, profile: SystemProfile) -> any FailureAnalysisSession
    /// Remediations for a diagnosis; `chain` lists remediation ids already applied to this step.
    func propose(for diagnosis: Diagnosis, step: Step, profile: SystemProfile, chain: [String]) -> [Remediation]
}

/// One step's streaming analysis.
public protocol FailureAnalysisSession: AnyObject {
    func feed(_ stream: OutputChannel, _ bytes: [UInt8])
    func finish(exitCode: Int32?, reason: String) -> Diagnosis
}
