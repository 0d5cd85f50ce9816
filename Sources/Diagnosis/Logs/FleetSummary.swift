import InstallModel

/// The fleet view over many plans' logs: how often each kind of failure happens, per tool and per OS.
public struct FleetSummary: Codable, Sendable {
    public private(set) var planCount = 0
    /// Plans with at least one failed step.
    public private(set) var failedPlanCount = 0
    public private(set) var failureCount = 0
    /// Failures whose recorded diagnosis differs from today's.
    public private(set) var changedDiagnosisCount = 0
    public private(set) var byKind: [String: Int] = [:]
    public private(set) var byTool: [String: Int] = [:]
    public private(set) var byOS: [String: Int] = [:]
    /// `kind` → `os` → count.
    public private(set) var byKindAndOS: [String: [String: Int]] = [:]
    /// Logs that could not be read, with why.
    public private(set) var unreadable: [String: String] = [:]
    /// Bundles left out of every count because their seals do not cover them (edited after the host sealed
    /// them), with why: what they hold is not what a host recorded.
    public private(set) var notCounted: [String: String] = [:]

    public init() {}

    private enum CodingKeys: String, CodingKey {
        case planCount = "plans", failedPlanCount = "failed_plans", failureCount = "failures"
        case changedDiagnosisCount = "changed_diagnoses", byKind = "by_kind", byTool = "by_tool", byOS = "by_os"
        case byKindAndOS = "by_kind_and_os", unreadable, notCounted = "not_counted"
    }

    /// Adds one plan's events.
    public mutating func add(events: some Sequence<Event>, catalog: RuleCatalog) {
        var reader = LogDiagnosis(catalog: catalog)
        for event in events { reader.apply(event) }
        planCount += 1
        let failures = reader.results
        if !failures.isEmpty { failedPlanCount += 1 }
        let os = reader.planProfile.map { "\($0.distribution) \($0.version)" } ?? "unknown"
        for failure in failures {
            failureCount += 1
            if failure.differs { changedDiagnosisCount += 1 }
            let kind = failure.current.kind.rawValue
            let tool = failure.tool ?? (reader.planTools.isEmpty ? "unknown" : reader.planTools.joined(separator: ","))
            byKind[kind, default: 0] += 1
            byTool[tool, default: 0] += 1
            byOS[os, default: 0] += 1
            byKindAndOS[kind, default: [:]][os, default: 0] += 1
        }
    }

    public mutating func addUnreadable(_ path: String, reason: String) { unreadable[path] = reason }

    /// Leaves a bundle whose seals do not cover it out of the counts, saying why.
    public mutating func addNotCounted(_ path: String, reason: String) { notCounted[path] = reason }
}
