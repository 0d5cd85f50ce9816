import InstallModel
import Orchestrator

/// Interim: explains failures as `unknown` with the last output lines until the rule catalog lands.
struct RuleBasedAnalyser: FailureAnalysing {
    func makeSession(for step: Step, profile: SystemProfile) -> any FailureAnalysisSession { TailSession() }
    func propose(for diagnosis: Diagnosis, step: Step, profile: SystemProfile, chain: [String]) -> [Remediation] {
        [Remediation(id: "retry", strategy: .retry, summary: "Run the step again"),
         Remediation(id: "skip", strategy: .skip, summary: "Skip this step and continue"),
         Remediation(id: "cancel", strategy: .cancel, summary: "Cancel the plan")]
    }
    final class TailSession: FailureAnalysisSession {
        private var tail: [UInt8] = []
        func feed(_ stream: OutputChannel, _ bytes: [UInt8]) { tail = Array((tail + bytes).suffix(8192)) }
        func finish(exitCode: Int32?, reason: String) -> Diagnosis {
            let lines = String(decoding: tail, as: UTF8.self).split(separator: "\n").suffix(5).map(String.init)
            return Diagnosis(kind: .unknown, confidence: 0, evidence: lines + [reason])
        }
    }
}
