import InstallModel

/// One failed step of a log, diagnosed again with the current rules, beside what the log recorded then.
public struct Rediagnosis: Sendable {
    public var planID: PlanID?
    public var step: StepID
    public var attempt: Int
    public var command: [String]
    public var exitCode: Int32?
    public var tool: String?
    /// The diagnosis with today's catalog.
    public var current: Diagnosis
    /// The `failure_analysed` the log holds for this failure, if any.
    public var recorded: Diagnosis?

    /// The log's diagnosis names another kind or rule than today's catalog does.
    public var differs: Bool {
        guard let recorded else { return false }
        return recorded.kind != current.kind || recorded.ruleID != current.ruleID
    }
}
