/// What decides which steps are ready, kept up to date as step statuses change: per step, how many of
/// its dependencies and ordering predecessors it still waits for; the pending steps that wait for
/// none (by topological rank); and per package-manager lock, its candidates and how many steps hold it.
///
/// Derived from the step table and the graph, never stored in a checkpoint. A status change costs the
/// step's own edges, so a run is linear in its steps (recomputing the ready set over every step at each
/// start and end made a 3,000-step reproduction take minutes: issue 26, F15).
struct StepReadiness: Hashable, Sendable {
    /// Per step: dependencies that do not let it start yet, plus ordering predecessors not finished.
    private var waiting: [Int]
    /// Topological ranks of the pending steps that wait for nothing.
    private(set) var candidates: RankSet
    /// The candidates' ranks per lock domain (more than one only when a step was reopened).
    private var lockCandidates: [PackageManager: Set<Int>] = [:]
    /// Steps running or uncertain per lock domain; a domain with none has no entry.
    private var holders: [PackageManager: Int] = [:]

    init(steps: [StepState], graph: PlanGraph) {
        waiting = [Int](repeating: 0, count: steps.count)
        candidates = RankSet(capacity: steps.count)
        for index in steps.indices {
            waiting[index] = graph.dependencies[index].count(where: { !Self.lets(steps[$0]) })
                + graph.orderingPredecessors[index].count(where: { !steps[$0].status.isTerminal })
            if Self.holdsLock(steps[index].status), let lock = graph.lockDomains[index] { holders[lock, default: 0] += 1 }
            refresh(index, steps, graph)
        }
    }

    /// Whether the candidate at `rank` may start: no step holds its lock and no candidate of its lock
    /// comes before it.
    func mayStart(rank: Int, _ graph: PlanGraph) -> Bool {
        guard let lock = graph.lockDomains[graph.topologicalOrder[rank]] else { return true }
        return holders[lock] == nil && lockCandidates[lock]?.min() == rank
    }

    /// Takes the change of step `index` from `old` to what `steps` now holds into account.
    mutating func update(_ index: Int, from old: StepState, _ steps: [StepState], _ graph: PlanGraph) {
        let new = steps[index]
        if Self.lets(old) != Self.lets(new) {
            for dependent in graph.dependents[index] {
                waiting[dependent] += Self.lets(new) ? -1 : 1
                refresh(dependent, steps, graph)
            }
        }
        if old.status.isTerminal != new.status.isTerminal {
            for successor in graph.orderingSuccessors[index] {
                waiting[successor] += new.status.isTerminal ? -1 : 1
                refresh(successor, steps, graph)
            }
        }
        if Self.holdsLock(old.status) != Self.holdsLock(new.status), let lock = graph.lockDomains[index] {
            let count = (holders[lock] ?? 0) + (Self.holdsLock(new.status) ? 1 : -1)
            holders[lock] = count > 0 ? count : nil
        }
        refresh(index, steps, graph)
    }

    /// Makes step `index` a candidate exactly when it is pending and waits for nothing.
    private mutating func refresh(_ index: Int, _ steps: [StepState], _ graph: PlanGraph) {
        let rank = graph.rank[index]
        let candidate = steps[index].status == .pending && waiting[index] == 0
        guard candidate != candidates.contains(rank) else { return }
        let lock = graph.lockDomains[index]
        if candidate {
            candidates.insert(rank)
            if let lock { lockCandidates[lock, default: []].insert(rank) }
        } else {
            candidates.remove(rank)
            if let lock {
                lockCandidates[lock]?.remove(rank)
                if lockCandidates[lock]?.isEmpty == true { lockCandidates[lock] = nil }
            }
        }
    }

    /// Whether a dependency in this state lets its dependents start: done, or skipped because it was
    /// already satisfied or the user skipped it.
    static func lets(_ dependency: StepState) -> Bool {
        switch dependency.status {
        case .done: true
        case .skipped: dependency.skipReason == .alreadySatisfied || dependency.skipReason == .userSkipped
        case .pending, .running, .failed, .uncertain: false
        }
    }

    private static func holdsLock(_ status: StepStatus) -> Bool { status == .running || status == .uncertain }
}
