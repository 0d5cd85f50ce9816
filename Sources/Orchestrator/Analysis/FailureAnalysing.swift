import InstallModel

/// Explains failed steps. When a step fails, the orchestrator feeds the bounded tail of that step's output
/// (kept while it ran) into a session, so a failure costs the same whatever the log's size and a step that
/// succeeds costs no analysis at all. A kind the executor knew is taken as-is.
///
/// Contract: sessions hold bounded memory whatever is fed; `finish` always returns a diagnosis
/// (`unknown` when nothing matched); `propose` returns remediations ranked best first, ending with the
/// fallbacks retry / skip / cancel.
public protocol FailureAnalysing: Sendable {
    /// Called when a run starts: an analyser may get ready off the run's path (load its rules on a
    /// spare core), so a failure is not slowed by it. Never blocks.
    func prepare()
    /// `command` is the last command the step started (what its output came from).
    func makeSession(for step: Step, command: [String], profile: SystemProfile) -> any FailureAnalysisSession
    /// Remediations for a diagnosis; `chain` lists remediation ids already applied to this step.
    func propose(for diagnosis: Diagnosis, step: Step, profile: SystemProfile, chain: [String]) -> [Remediation]
}

/// One step's streaming analysis.
public protocol FailureAnalysisSession: AnyObject {
    func feed(_ stream: OutputChannel, _ bytes: [UInt8])
    func finish(cause: FailureCause) -> Diagnosis
}

extension FailureAnalysing {
    public func prepare() {}
}
