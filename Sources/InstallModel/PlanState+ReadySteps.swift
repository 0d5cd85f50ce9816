extension PlanState {
    /// Steps that may start now, in deterministic (topological, then plan) order.
    ///
    /// A step is ready when the plan is running, it is pending, every dependency is done or was skipped
    /// because it was already satisfied, and every step holding the same package-manager lock before it
    /// has finished. A failed step is never ready: only `step_retry` or `remediation_applied` reopens it.
    ///
    /// At most one ready step per package-manager lock domain, and none while a step of that domain is
    /// running or uncertain. Ordering edges alone do not ensure this: a step reopened by `step_retry` or
    /// `remediation_applied` has no unfinished ordering predecessor, yet a later holder of its lock may be
    /// running or ready.
    public var readySteps: [StepID] { readySteps(limit: .max) }

    /// The first `limit` of `readySteps`: the cost is the steps returned (and the few candidates a lock
    /// holds back), not the plan's size.
    public func readySteps(limit: Int) -> [StepID] {
        guard status == .running, let graph, let readiness else { return [] }
        var ready: [StepID] = []
        var rank = readiness.candidates.first(from: 0)
        while let found = rank, ready.count < limit {
            if readiness.mayStart(rank: found, graph) { ready.append(graph.stepIDs[graph.topologicalOrder[found]]) }
            rank = readiness.candidates.first(from: found + 1)
        }
        return ready
    }

    /// Whether step `id` is among `readySteps`, in constant time.
    public func isReady(_ id: StepID) -> Bool {
        guard status == .running, let graph, let readiness, let index = graph.index(of: id) else { return false }
        let rank = graph.rank[index]
        return readiness.candidates.contains(rank) && readiness.mayStart(rank: rank, graph)
    }

    /// Pending steps that can never run because a dependency failed or was skipped for that reason.
    /// Each comes with the failed step at the root of it.
    /// Each is named once, under the first failed step (in topological order) it depends on. One walk
    /// over the graph whatever the number of failures: a step reached from an earlier failure has had its
    /// dependents reached too, so no walk goes through it again.
    public var blockedSteps: [(step: StepID, failed: StepID)] {
        guard let graph else { return [] }
        var result: [(StepID, StepID)] = []
        var reached = [Bool](repeating: false, count: steps.count)
        for index in graph.topologicalOrder where steps[index].status == .failed {
            var found: [Int] = []
            var stack = graph.dependents[index]
            while let next = stack.popLast() {
                guard !reached[next] else { continue }
                reached[next] = true
                found.append(next)
                stack.append(contentsOf: graph.dependents[next])
            }
            for dependent in found.sorted() where steps[dependent].status == .pending {
                result.append((graph.stepIDs[dependent], graph.stepIDs[index]))
            }
        }
        return result
    }

    /// Steps started and never finished (what a crash or a signal left open).
    public var openSteps: [StepID] {
        steps.filter { $0.status == .running || $0.status == .uncertain }.map(\.id)
    }

    /// Every step has finished and none of them failed.
    public var isComplete: Bool {
        steps.allSatisfy(\.endedWell)
    }

    /// Steps that ended well: done, or skipped as satisfied or asked, never for a failed dependency (serve20b #8).
    public var endedWellCount: Int { steps.reduce(0) { $0 + ($1.endedWell ? 1 : 0) } }

    /// Steps skipped because a step they need failed or was skipped.
    public var dependencySkipCount: Int { steps.reduce(0) { $0 + ($1.status == .skipped && $1.isDependencySkip ? 1 : 0) } }
}

extension StepState {
    /// Done, or skipped as already satisfied or as asked: nothing more is to be done for it.
    public var endedWell: Bool { status == .done || (status == .skipped && !isDependencySkip) }

    /// Skipped because a step it needs failed or was skipped (not because it was already satisfied or asked).
    public var isDependencySkip: Bool {
        if case .dependencyFailed = skipReason { return true }
        return false
    }
}
