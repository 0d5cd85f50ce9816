import InstallModel

/// Re-analyses every failed step of a plan's events with the current rules, streaming: one
/// `AnalysisSession` per running step, so a log with gigabytes of output is read in bounded memory.
public struct LogDiagnosis: Sendable {
    public let catalog: RuleCatalog
    private var plan: Plan?
    private var steps: [StepID: Step] = [:]
    private var running: [StepID: RunningStep] = [:]
    public private(set) var results: [Rediagnosis] = []

    public init(catalog: RuleCatalog) { self.catalog = catalog }

    /// Every failure of one plan's events, in the order the failures happened.
    public static func rediagnose(events: some Sequence<Event>, catalog: RuleCatalog) -> [Rediagnosis] {
        var reader = LogDiagnosis(catalog: catalog)
        for event in events { reader.apply(event) }
        return reader.results
    }

    /// The same with the bundled catalog.
    public static func rediagnose(events: some Sequence<Event>) throws(RuleCatalogError) -> [Rediagnosis] {
        rediagnose(events: events, catalog: try RuleCatalog.bundled())
    }

    public var planProfile: SystemProfile? { plan?.profile }
    public var planTools: [String] { plan?.tools ?? [] }

    public mutating func apply(_ event: Event) {
        switch event.body {
        case .planCreated(let created):
            plan = created
            for step in created.steps { steps[step.id] = step }
        case .remediationApplied(_, _, let newSteps, let retriedAs):
            for step in newSteps + (retriedAs.map { [$0] } ?? []) { steps[step.id] = step }
        case .stepStarted(let id, let attempt, let command, _):
            let context = AnalysisContext(step: steps[id], command: command, profile: plan?.profile)
            running[id] = RunningStep(whole: AnalysisSession(context: context, catalog: catalog), attempt: attempt, command: command)
        case .outputChunk(let id, let stream, let data, _):
            running[id]?.feed(data, stream: stream)
        case .commandStarted(let id, _, _):
            running[id]?.commandStarted()
        case .commandFinished(let id, let exitCode, _, _):
            running[id]?.commandFinished(exitCode: exitCode)
        case .stepFailed(let id, let cause, _):
            guard let entry = running.removeValue(forKey: id) else { return }
            var session = entry.evidence(ofFailureWith: cause.exitCode)
            let diagnosis = session.finish(cause: cause)
            results.append(
                Rediagnosis(
                    planID: plan?.id, step: id, attempt: entry.attempt, command: entry.command, exitCode: cause.exitCode,
                    tool: steps[id]?.tool, current: diagnosis, recorded: nil))
        case .failureAnalysed(let id, let diagnosis):
            if let index = results.lastIndex(where: { $0.step == id }), results[index].recorded == nil {
                results[index].recorded = diagnosis
            }
        case .stepDone(let id, _, _, _), .stepSkipped(let id, _, _):
            running[id] = nil
        default:
            break
        }
    }
}

/// One running step's analysis while its events stream: the whole output, and per exit status the output of the
/// last command that ended with it, so the failure is judged by the command that decided it (the rule of
/// `DecidingCommand`), as a live run judges it.
private struct RunningStep {
    var whole: AnalysisSession
    var attempt: Int
    var command: [String]
    private var current: AnalysisSession?
    private var byStatus: [Int32: AnalysisSession] = [:]

    init(whole: AnalysisSession, attempt: Int, command: [String]) {
        self.whole = whole
        self.attempt = attempt
        self.command = command
    }

    mutating func feed(_ data: [UInt8], stream: OutputChannel) {
        whole.feed(data, stream: stream)
        current?.feed(data, stream: stream)
    }

    mutating func commandStarted() {
        current = AnalysisSession(context: whole.context, catalog: whole.catalog)
    }

    mutating func commandFinished(exitCode: Int32) {
        if let current { byStatus[exitCode] = current }
        current = nil
    }

    /// The session holding the evidence of a failure with `exitCode`.
    func evidence(ofFailureWith exitCode: Int32?) -> AnalysisSession {
        exitCode.flatMap { byStatus[$0] } ?? whole
    }
}
