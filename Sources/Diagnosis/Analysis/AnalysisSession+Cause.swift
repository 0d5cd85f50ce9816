import InstallModel

extension AnalysisSession {
    /// Names the cause of a failed step. A kind the executor knew (`FailureCause.kind`) is taken as-is,
    /// with confidence 1 and the executor's message as evidence; only an unknown cause goes to the rules,
    /// which read the output fed so far and the process's exit status. A step evlog refused by its own policy
    /// (`FailureCause.refusedByPolicy`) is diagnosed by its refusal line, with skip or cancel: nothing to retry or redownload.
    public mutating func finish(cause: FailureCause) -> Diagnosis {
        guard let kind = cause.kind else {
            // A signal is evidence in its own right: it reads as the shell's status for it, 128 + N.
            return finish(exitCode: cause.exitCode ?? cause.signal.map { 128 + $0 }, interrupted: cause.endedByInterruption)
        }
        let failedStep = context.step ?? AnalysisSession.placeholderStep(for: context)
        let remediations = cause.isPolicyRefusal ? RemediationPlanner.policyRefusalFallbacks(for: failedStep) : RemediationPlanner.propose(
            kind: kind, rules: [], captures: [:], failedStep: failedStep, profile: context.profile,
            chain: RemediationChain(), catalog: catalog)
        return Diagnosis(kind: kind, confidence: 1.0, evidence: [cause.message], remediations: remediations)
    }
}

extension FailureCause {
    /// SIGINT, SIGTERM or SIGHUP ended the process: the user or the system stopped it.
    var endedByInterruption: Bool {
        guard let signal else { return exitCode == 130 }
        return signal == 2 || signal == 15 || signal == 1
    }
}
