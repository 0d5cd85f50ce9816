import Foundation
import InstallModel
import Rendering

/// A diagnosis as `evlog diagnose --json` prints it: one JSON object per failure (NDJSON).
///
/// Always has `kind`, `confidence`, `evidence` and `remediations[{id, summary}]` (FAILURE-KINDS.md);
/// the other keys are extra detail.
public struct DiagnosisRecord: Encodable, Sendable {
    public var kind: String
    public var confidence: Double
    public var evidence: [String]
    /// Earlier errors that were not the cause, with why (absent when none).
    public var setAside: [String]?
    public var rule: String?
    public var remediations: [RemediationRecord]
    public var plan: String?
    public var step: String?
    public var attempt: Int?
    public var exitCode: Int32?
    public var command: String?
    public var recorded: RecordedDiagnosis?
    public var differs: Bool?

    /// What a log recorded at the time, shown beside a re-diagnosis.
    public struct RecordedDiagnosis: Encodable, Sendable {
        public var kind: String
        public var confidence: Double
        public var rule: String?
    }

    private enum CodingKeys: String, CodingKey {
        case kind, confidence, evidence, rule, remediations, plan, step, attempt, command, recorded, differs
        case setAside = "set_aside"
        case exitCode = "exit_code"
    }

    /// A confidence as shown: at most two decimals (0.8, not 0.7999999999999999).
    static func rounded(_ confidence: Double) -> Double {
        (confidence * 100).rounded() / 100
    }

    public init(_ diagnosis: Diagnosis, exitCode: Int32? = nil, command: String? = nil) {
        kind = diagnosis.kind.rawValue
        confidence = DiagnosisRecord.rounded(diagnosis.confidence)
        evidence = diagnosis.evidence
        setAside = diagnosis.setAside
        rule = diagnosis.ruleID
        remediations = diagnosis.remediations.map(RemediationRecord.init)
        self.exitCode = exitCode
        self.command = command
    }

    public init(_ rediagnosis: Rediagnosis) {
        self.init(rediagnosis.current, exitCode: rediagnosis.exitCode, command: rediagnosis.command.joined(separator: " "))
        plan = rediagnosis.planID?.rawValue
        step = rediagnosis.step.rawValue
        attempt = rediagnosis.attempt
        if let recorded = rediagnosis.recorded {
            self.recorded = RecordedDiagnosis(kind: recorded.kind.rawValue, confidence: DiagnosisRecord.rounded(recorded.confidence), rule: recorded.ruleID)
            differs = rediagnosis.differs
        }
    }

    /// One line of NDJSON, keys sorted so the output is stable.
    public func jsonLine() throws -> String {
        try JSONOutput.encode(self)
    }
}

/// One remediation in `--json` output.
public struct RemediationRecord: Encodable, Sendable {
    public var id: String
    public var summary: String
    public var strategy: String
    public var risk: String
    public var automatic: Bool
    /// `ready`, `locked` or `impossible`.
    public var availability: String
    public var reason: String?
    public var unlock: [String]?
    public var modifier: [String: String]?
    public var steps: [Step]
    /// The steps as commands a person can run (shown for pasted output, where there is no plan).
    public var commands: [String]?

    public init(_ remediation: Remediation) {
        id = remediation.id
        summary = remediation.summary
        strategy = remediation.strategy.rawValue
        risk = remediation.risk.rawValue
        automatic = remediation.automatic
        switch remediation.availability {
        case .ready: availability = "ready"
        case .locked(let why, let deps):
            availability = "locked"
            reason = why
            unlock = deps
        case .impossible(let why):
            availability = "impossible"
            reason = why
        }
        modifier = remediation.modifier.isEmpty ? nil : remediation.modifier
        steps = remediation.steps
        let commands = remediation.steps.compactMap(PersonCommand.render)
        self.commands = commands.isEmpty ? nil : commands
    }
}
