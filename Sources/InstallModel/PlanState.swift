/// Where a plan stands, derived only from its events.
public enum PlanStatus: String, Codable, Sendable, CaseIterable {
    /// No `plan_created` seen yet.
    case empty
    /// Created, never started.
    case pending
    case running
    case paused
    case interrupted
    case failed
    case done
    case cancelled

    /// No further step will run without a user's action (resume, remedy).
    public var isTerminal: Bool { self == .done || self == .failed || self == .cancelled }
}

/// Where one step stands.
public enum StepStatus: String, Codable, Sendable, CaseIterable {
    case pending, running, done, failed, skipped
    /// Started, and the log has no terminal event for it: the process died or was stopped mid-step.
    case uncertain

    public var isTerminal: Bool { self == .done || self == .failed || self == .skipped }
}

/// One step's folded state.
public struct StepState: Hashable, Codable, Sendable {
    public var id: StepID
    public var status: StepStatus
    /// How many times it has started (1 for the first run).
    public var attempt: Int
    public var startedAt: Timestamp?
    public var endedAt: Timestamp?
    public var exitCode: Int32?
    public var failureReason: String?
    /// The kind the executor knew when it failed the step (nil: the output's analysis decides).
    public var failureKind: FailureKind?
    public var skipReason: SkipReason?
    public var stdoutBytes: Int64
    public var stderrBytes: Int64
    public var diagnosis: Diagnosis?
    public var proposedRemediations: [Remediation]
    public var remediationChainDepth: Int
    public var acceptedRemediations: [String]
    public var rollback: RollbackStatus?
    /// The step's command that started and has not finished, when its process was recorded.
    public var runningCommand: RunningCommand?
    /// What the step changed in its package manager's package set, when it recorded that.
    public var packageChange: PackageSetChange?
    /// The file the step put in place and its digest, when it recorded that (`file_installed`).
    public var installedFile: InstalledFile?

    public init(id: StepID) {
        self.id = id
        status = .pending
        attempt = 0
        stdoutBytes = 0
        stderrBytes = 0
        proposedRemediations = []
        remediationChainDepth = 0
        acceptedRemediations = []
    }

    /// Microseconds the latest attempt took, when it has ended.
    public var durationMicros: Int64? {
        guard let startedAt, let endedAt else { return nil }
        return endedAt.microseconds(since: startedAt)
    }
}

/// Where a step's rollback stands.
public enum RollbackStatus: String, Codable, Sendable {
    case running, succeeded, failed
}

/// A plan's whole state: `PlanState.fold(events)`. Nothing else is a source of truth.
public struct PlanState: Hashable, Sendable {
    public internal(set) var plan: Plan?
    public internal(set) var status: PlanStatus
    /// One per plan step, in plan order.
    public internal(set) var steps: [StepState]
    public internal(set) var lastSequence: UInt64
    public internal(set) var eventCount: Int
    /// Events of types this version does not know; skipped.
    public internal(set) var unknownEventCount: Int
    /// Events that made no sense at the point they came (a step id not in the plan, a second `plan_created`).
    public internal(set) var ignoredEventCount: Int
    public internal(set) var createdAt: Timestamp?
    public internal(set) var startedAt: Timestamp?
    public internal(set) var endedAt: Timestamp?
    public internal(set) var lastEventAt: Timestamp?
    public internal(set) var pause: Pause?
    public internal(set) var interruption: InterruptionCause?
    public internal(set) var failureReason: String?
    /// Set when the logged plan is not a valid DAG; nothing is ready then.
    public internal(set) var planError: PlanValidationError?
    /// Derived from `plan`; rebuilt whenever the plan changes.
    public internal(set) var graph: PlanGraph?
    /// Derived from `steps` and `graph`, updated with every step status change: what `readySteps` reads.
    var readiness: StepReadiness?

    /// The state before any event.
    public init() {
        status = .empty
        steps = []
        lastSequence = 0
        eventCount = 0
        unknownEventCount = 0
        ignoredEventCount = 0
    }

    /// A paused plan's reason and the step that caused it.
    public struct Pause: Hashable, Codable, Sendable {
        public var reason: PauseReason
        public var step: StepID
        public var message: String
    }

    public func step(_ id: StepID) -> StepState? {
        guard let index = graph?.index(of: id) else { return nil }
        return steps[index]
    }

    /// The plan's step `id` (its label, action, risk), found through the graph's index: readers call this
    /// once per event, so a scan of the plan would make them quadratic in its step count.
    public func plannedStep(_ id: StepID) -> Step? {
        guard let plan, let index = graph?.index(of: id), index < plan.steps.count else { return nil }
        return plan.steps[index]
    }

    /// Microseconds from the plan's start to its end, or to the last event when it has not ended.
    public var elapsedMicros: Int64? {
        guard let startedAt else { return nil }
        return (endedAt ?? lastEventAt ?? startedAt).microseconds(since: startedAt)
    }

    public func count(_ status: StepStatus) -> Int { steps.reduce(0) { $0 + ($1.status == status ? 1 : 0) } }

    /// The steps that are done: what a resume does not run again.
    public var doneSteps: Set<StepID> { Set(steps.lazy.filter { $0.status == .done }.map(\.id)) }
}

extension PlanState: Codable {
    private enum CodingKeys: String, CodingKey {
        case plan, status, steps, lastSequence = "last_sequence", eventCount = "event_count"
        case unknownEventCount = "unknown_event_count", ignoredEventCount = "ignored_event_count"
        case createdAt = "created_at", startedAt = "started_at", endedAt = "ended_at", lastEventAt = "last_event_at"
        case pause, interruption, failureReason = "failure_reason", planError = "plan_error"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        plan = try c.decodeIfPresent(Plan.self, forKey: .plan)
        status = try c.decode(PlanStatus.self, forKey: .status)
        steps = try c.decode([StepState].self, forKey: .steps)
        lastSequence = try c.decode(UInt64.self, forKey: .lastSequence)
        eventCount = try c.decode(Int.self, forKey: .eventCount)
        unknownEventCount = try c.decode(Int.self, forKey: .unknownEventCount)
        ignoredEventCount = try c.decode(Int.self, forKey: .ignoredEventCount)
        createdAt = try c.decodeIfPresent(Timestamp.self, forKey: .createdAt)
        startedAt = try c.decodeIfPresent(Timestamp.self, forKey: .startedAt)
        endedAt = try c.decodeIfPresent(Timestamp.self, forKey: .endedAt)
        lastEventAt = try c.decodeIfPresent(Timestamp.self, forKey: .lastEventAt)
        pause = try c.decodeIfPresent(Pause.self, forKey: .pause)
        interruption = try c.decodeIfPresent(InterruptionCause.self, forKey: .interruption)
        failureReason = try c.decodeIfPresent(String.self, forKey: .failureReason)
        planError = nil
        graph = nil
        readiness = nil
        if let plan { rebuildGraph(plan.steps) }
        guard steps.count == (plan?.steps.count ?? 0) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: c.codingPath, debugDescription: "checkpoint has \(steps.count) step states for \(plan?.steps.count ?? 0) plan steps"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(plan, forKey: .plan)
        try c.encode(status, forKey: .status)
        try c.encode(steps, forKey: .steps)
        try c.encode(lastSequence, forKey: .lastSequence)
        try c.encode(eventCount, forKey: .eventCount)
        try c.encode(unknownEventCount, forKey: .unknownEventCount)
        try c.encode(ignoredEventCount, forKey: .ignoredEventCount)
        try c.encodeIfPresent(createdAt, forKey: .createdAt)
        try c.encodeIfPresent(startedAt, forKey: .startedAt)
        try c.encodeIfPresent(endedAt, forKey: .endedAt)
        try c.encodeIfPresent(lastEventAt, forKey: .lastEventAt)
        try c.encodeIfPresent(pause, forKey: .pause)
        try c.encodeIfPresent(interruption, forKey: .interruption)
        try c.encodeIfPresent(failureReason, forKey: .failureReason)
        try c.encodeIfPresent(planError?.description, forKey: .planError)
    }

    mutating func rebuildGraph(_ steps: [Step]) {
        do {
            let graph = try PlanGraph(steps: steps)
            self.graph = graph
            readiness = StepReadiness(steps: self.steps, graph: graph)
            planError = nil
        } catch {
            graph = nil
            readiness = nil
            planError = error
        }
    }

    /// Changes step `index` and keeps the ready set's bookkeeping up to date; returns what `change` returns.
    mutating func changeStep(_ index: Int, _ change: (inout StepState) -> Bool) -> Bool {
        let old = steps[index]
        let changed = change(&steps[index])
        if let graph, old.status != steps[index].status || old.skipReason != steps[index].skipReason {
            readiness?.update(index, from: old, steps, graph)
        }
        return changed
    }
}

extension PlanState {
    /// Drops the remediations proposed for `steps`: a reader found their proposal where no seal covers it, so they
    /// are not the host's to offer (integrity18 #6).
    public mutating func withholdRemediations(of steps: Set<StepID>) {
        for index in self.steps.indices where steps.contains(self.steps[index].id) { self.steps[index].proposedRemediations = [] }
    }
}
