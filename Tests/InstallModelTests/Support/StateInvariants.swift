import InstallModel

/// What must hold of every state a valid log can fold to; each returned line names one violation.
///
/// Checked against the plan's own data (its `depends_on` lists and locks), not against `PlanGraph`,
/// so that a wrong graph shows up here instead of agreeing with itself.
enum StateInvariants {
    static func violations(of state: PlanState) -> [String] {
        var found: [String] = []
        guard let plan = state.plan else {
            if !state.steps.isEmpty { found.append("step states without a plan") }
            if state.status != .empty { found.append("status \(state.status) without a plan") }
            return found
        }
        guard state.steps.map(\.id) == plan.steps.map(\.id) else {
            return ["step states \(state.steps.map(\.id)) do not match plan steps \(plan.steps.map(\.id))"]
        }
        let byID = Dictionary(uniqueKeysWithValues: state.steps.map { ($0.id, $0) })
        let stepByID = Dictionary(uniqueKeysWithValues: plan.steps.map { ($0.id, $0) })
        func lockDomain(_ id: StepID) -> PackageManager? {
            guard let lock = stepByID[id]?.lock else { return nil }
            return lock == .yum ? .dnf : lock
        }
        func satisfied(_ id: StepID) -> Bool {
            guard let dependency = byID[id] else { return false }
            return dependency.status == .done
                || (dependency.status == .skipped
                    && (dependency.skipReason == .alreadySatisfied || dependency.skipReason == .userSkipped))
        }

        let countTotal = StepStatus.allCases.reduce(0) { $0 + state.count($1) }
        if countTotal != plan.steps.count { found.append("status counts add up to \(countTotal), not \(plan.steps.count)") }

        let running = state.steps.filter { $0.status == .running }
        if state.status.isTerminal || state.status == .interrupted || state.status == .pending,
            !running.isEmpty
        {
            found.append("steps \(running.map(\.id)) running while the plan is \(state.status)")
        }
        if state.status == .done, !state.isComplete { found.append("plan done but not complete") }

        for step in state.steps {
            if [.running, .done, .uncertain].contains(step.status), step.attempt < 1 {
                found.append("\(step.id) is \(step.status) at attempt \(step.attempt)")
            }
            if step.status == .running || step.status == .done {
                for dependency in stepByID[step.id]?.dependsOn ?? [] where !satisfied(dependency) {
                    found.append("\(step.id) is \(step.status) but its dependency \(dependency) is \(byID[dependency]?.status as Any)")
                }
            }
            if step.status == .skipped, case .dependencyFailed(let cause) = step.skipReason {
                let causeStatus = byID[cause]?.status
                if causeStatus != .failed && causeStatus != .skipped {
                    found.append("\(step.id) skipped for \(cause), which is \(causeStatus as Any)")
                }
            }
        }

        var runningByLock: [PackageManager: [StepID]] = [:]
        for step in running { if let lock = lockDomain(step.id) { runningByLock[lock, default: []].append(step.id) } }
        for (lock, holders) in runningByLock where holders.count > 1 {
            found.append("\(holders) run at once holding the \(lock) lock")
        }

        let ready = state.readySteps
        if state.status != .running, !ready.isEmpty { found.append("ready steps \(ready) in a \(state.status) plan") }
        if Set(ready).count != ready.count { found.append("ready set \(ready) repeats a step") }
        var readyByLock: [PackageManager: [StepID]] = [:]
        for id in ready {
            if byID[id]?.status != .pending { found.append("ready step \(id) is \(byID[id]?.status as Any)") }
            for dependency in stepByID[id]?.dependsOn ?? [] where !satisfied(dependency) {
                found.append("ready step \(id) waits for \(dependency)")
            }
            if let lock = lockDomain(id) { readyByLock[lock, default: []].append(id) }
        }
        for (lock, ids) in readyByLock {
            if ids.count > 1 { found.append("ready set offers \(ids) together, all holding the \(lock) lock") }
            let holders = state.steps.filter { ($0.status == .running || $0.status == .uncertain) && lockDomain($0.id) == lock }
            if !holders.isEmpty { found.append("ready \(ids) while \(holders.map(\.id)) hold the \(lock) lock") }
        }

        for (blocked, root) in state.blockedSteps {
            if byID[blocked]?.status != .pending { found.append("blocked \(blocked) is not pending") }
            if byID[root]?.status != .failed { found.append("blocked \(blocked) names \(root), which has not failed") }
            if !transitiveDependencies(of: blocked, in: stepByID).contains(root) {
                found.append("blocked \(blocked) does not depend on \(root)")
            }
            if ready.contains(blocked) { found.append("blocked \(blocked) is also ready") }
        }

        let open = state.steps.filter { $0.status == .running || $0.status == .uncertain }.map(\.id)
        if state.openSteps != open { found.append("open steps \(state.openSteps), expected \(open)") }
        return found
    }

    static func transitiveDependencies(of id: StepID, in steps: [StepID: Step]) -> Set<StepID> {
        var seen = Set<StepID>()
        var stack = steps[id]?.dependsOn ?? []
        while let next = stack.popLast() {
            if seen.insert(next).inserted { stack.append(contentsOf: steps[next]?.dependsOn ?? []) }
        }
        return seen
    }
}
