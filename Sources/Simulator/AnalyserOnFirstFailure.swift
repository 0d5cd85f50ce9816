import InstallModel
import Orchestrator

/// An analyser that gets ready only when a step fails: a reproduction does not `prepare` its rules at the
/// start (parsed, the bundled rules take about 20 MB), so a log without failures is replayed without
/// them (F10: `reproduce` within 64 MB whatever the log). What a failure is analysed with is unchanged.
struct AnalyserOnFirstFailure: FailureAnalysing {
    let analyser: any FailureAnalysing

    func prepare() {}

    func makeSession(for step: Step, command: [String], profile: SystemProfile) -> any FailureAnalysisSession {
        analyser.makeSession(for: step, command: command, profile: profile)
    }

    func propose(for diagnosis: Diagnosis, step: Step, profile: SystemProfile, chain: [String]) -> [Remediation] {
        analyser.propose(for: diagnosis, step: step, profile: profile, chain: chain)
    }
}
