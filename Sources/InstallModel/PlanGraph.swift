/// A plan's steps as a validated DAG: explicit dependencies plus implicit package-manager ordering edges.
///
/// Two kinds of edge: a *dependency* (`depends_on`) must be done before its dependent starts, and its
/// failure skips the dependent; an *ordering* edge (added between steps that take the same package-manager
/// lock) only makes the later step wait until the earlier one has finished, whatever its outcome.
public struct PlanGraph: Hashable, Sendable {
    public let stepIDs: [StepID]
    public let indexByID: [StepID: Int]
    /// Explicit dependencies of each step, as indices into `stepIDs`.
    public let dependencies: [[Int]]
    /// Implicit predecessors that hold the same package-manager lock.
    public let orderingPredecessors: [[Int]]
    /// The inverse of `orderingPredecessors`.
    public let orderingSuccessors: [[Int]]
    /// The inverse of `dependencies`.
    public let dependents: [[Int]]
    /// The package-manager lock domain each step holds (`yum` steps hold `dnf`'s), if any.
    public let lockDomains: [PackageManager?]
    /// A deterministic topological order: among ready steps, plan order wins.
    public let topologicalOrder: [Int]
    /// Each step's position in `topologicalOrder`.
    public let rank: [Int]

    public init(steps: [Step]) throws(PlanValidationError) {
        var indexByID: [StepID: Int] = [:]
        for (index, step) in steps.enumerated() {
            guard indexByID[step.id] == nil else { throw .duplicateStepID(step.id) }
            indexByID[step.id] = index
        }
        var dependencies: [[Int]] = []
        var dependents = [[Int]](repeating: [], count: steps.count)
        // The step that last listed each target: a repeated `depends_on` entry is dropped in constant time
        // (a scan of the list so far made a fully connected plan cubic in its step count).
        var listedBy = [Int](repeating: -1, count: steps.count)
        for (index, step) in steps.enumerated() {
            var deps: [Int] = []
            for dependency in step.dependsOn {
                guard let target = indexByID[dependency] else {
                    throw .missingDependency(step: step.id, missing: dependency)
                }
                if listedBy[target] != index {
                    listedBy[target] = index
                    deps.append(target)
                    dependents[target].append(index)
                }
            }
            dependencies.append(deps)
        }
        let order = try PlanGraph.topologicalOrder(stepIDs: steps.map(\.id), dependencies: dependencies)
        var ordering = [[Int]](repeating: [], count: steps.count)
        var successors = [[Int]](repeating: [], count: steps.count)
        var rank = [Int](repeating: 0, count: steps.count)
        var lastHolder: [PackageManager: Int] = [:]
        for (position, index) in order.enumerated() {
            rank[index] = position
            guard let lock = steps[index].lock?.lockDomain else { continue }
            if let previous = lastHolder[lock] {
                ordering[index].append(previous)
                successors[previous].append(index)
            }
            lastHolder[lock] = index
        }
        self.stepIDs = steps.map(\.id)
        self.indexByID = indexByID
        self.dependencies = dependencies
        self.orderingPredecessors = ordering
        self.orderingSuccessors = successors
        self.rank = rank
        self.dependents = dependents
        self.lockDomains = steps.map { $0.lock?.lockDomain }
        self.topologicalOrder = order
    }

    /// Kahn's algorithm, always taking the lowest plan index among the ready (a heap: n log n); on a cycle,
    /// names it.
    private static func topologicalOrder(stepIDs: [StepID], dependencies: [[Int]]) throws(PlanValidationError)
        -> [Int]
    {
        let count = stepIDs.count
        var remaining = dependencies.map(\.count)
        var dependents = [[Int]](repeating: [], count: count)
        for (index, deps) in dependencies.enumerated() { for d in deps { dependents[d].append(index) } }
        var ready = MinHeap((0..<count).filter { remaining[$0] == 0 })
        var order: [Int] = []
        order.reserveCapacity(count)
        while let next = ready.popMin() {
            order.append(next)
            for dependent in dependents[next] {
                remaining[dependent] -= 1
                if remaining[dependent] == 0 { ready.insert(dependent) }
            }
        }
        if order.count < count {
            throw .cycle(findCycle(stepIDs: stepIDs, dependencies: dependencies, stuck: Set(0..<count).subtracting(order)))
        }
        return order
    }

    /// Walks dependencies among the steps Kahn's algorithm could not order until one repeats.
    private static func findCycle(stepIDs: [StepID], dependencies: [[Int]], stuck: Set<Int>) -> [StepID] {
        guard var current = stuck.min() else { return [] }
        var path: [Int] = []
        var seenAt: [Int: Int] = [:]
        while seenAt[current] == nil {
            seenAt[current] = path.count
            path.append(current)
            guard let next = dependencies[current].filter({ stuck.contains($0) }).min() else { return [] }
            current = next
        }
        let cycle = Array(path[(seenAt[current] ?? 0)...].reversed())
        // Start at the step that comes first in the plan, so a cycle reads the same however it was found.
        guard let first = cycle.indices.min(by: { cycle[$0] < cycle[$1] }) else { return [] }
        return (cycle[first...] + cycle[..<first]).map { stepIDs[$0] }
    }

    /// Plans at most this long find a step by scanning `stepIDs`: comparing a few short ids is cheaper
    /// than hashing one, and the fold looks a step up for every output chunk.
    static let linearLookupStepsMax = 16

    /// The index of the step with this id, if the plan has one.
    public func index(of id: StepID) -> Int? {
        guard stepIDs.count <= PlanGraph.linearLookupStepsMax else { return indexByID[id] }
        return stepIDs.firstIndex(of: id)
    }

    /// All steps that depend on `index`, directly or through others.
    public func transitiveDependents(of index: Int) -> [Int] {
        var seen = Set<Int>()
        var stack = dependents[index]
        while let next = stack.popLast() {
            if seen.insert(next).inserted { stack.append(contentsOf: dependents[next]) }
        }
        return seen.sorted()
    }
}

/// Why a plan's steps do not form a runnable DAG.
public enum PlanValidationError: Error, Hashable, Sendable, CustomStringConvertible {
    case duplicateStepID(StepID)
    case missingDependency(step: StepID, missing: StepID)
    /// The steps of the cycle in dependency order (each depends on the one before it, the first on the last).
    case cycle([StepID])

    public var description: String {
        switch self {
        case .duplicateStepID(let id): "two steps have the id '\(id)'; step ids must be unique"
        case .missingDependency(let step, let missing):
            "step '\(step)' depends on '\(missing)', which is not in the plan"
        case .cycle(let ids):
            "dependency cycle: " + (ids + ids.prefix(1)).map(\.rawValue).joined(separator: " → ")
        }
    }
}
