import InstallModel

/// `evlog critical-path`: the chain of steps that decided the wall time, found by walking back from the
/// step that ended last to the predecessor (dependency or package-manager ordering) that ended last
/// before it started, and for every step that ran its slack: how much later it could have ended
/// without the plan ending later.
public struct CriticalPath: Encodable, Sendable {
    /// One step that ran.
    public struct Entry: Encodable, Sendable, Hashable {
        public var step: StepID
        public var label: String
        public var status: StepStatus
        /// Microseconds from the plan's start.
        public var startMicros: Int64
        public var durationMicros: Int64
        /// Time between the end of its predecessor on the chain (or the plan's start) and its start.
        public var waitMicros: Int64
        public var slackMicros: Int64

        enum CodingKeys: String, CodingKey {
            case step, label, status, startMicros = "start_us", durationMicros = "duration_us", waitMicros = "wait_us"
            case slackMicros = "slack_us"
        }
    }

    public var plan: PlanID?
    public var wallMicros: Int64
    /// The chain, first step first.
    public var path: [Entry]
    /// Steps that ran and are not on the chain, most slack last.
    public var others: [Entry]

    enum CodingKeys: String, CodingKey { case plan, wallMicros = "wall_us", path, others }

    public init(_ state: PlanState) {
        plan = state.plan?.id
        let origin = state.startedAt ?? state.createdAt ?? Timestamp(microseconds: 0)
        wallMicros = state.elapsedMicros ?? 0
        guard let graph = state.graph, let planValue = state.plan else {
            path = []
            others = []
            return
        }
        let count = graph.stepIDs.count
        var start = [Int64?](repeating: nil, count: count)
        var end = [Int64?](repeating: nil, count: count)
        for index in 0..<count {
            guard let started = state.steps[index].startedAt, let ended = state.steps[index].endedAt else { continue }
            start[index] = started.microseconds(since: origin)
            end[index] = max(started.microseconds(since: origin), ended.microseconds(since: origin))
        }
        func predecessors(_ index: Int) -> [Int] {
            (graph.dependencies[index] + graph.orderingPredecessors[index]).filter { end[$0] != nil }
        }
        var successors = [[Int]](repeating: [], count: count)
        for index in 0..<count { for p in Set(graph.dependencies[index] + graph.orderingPredecessors[index]) { successors[p].append(index) } }
        // Latest finish, in reverse topological order: the plan's end, or a successor's latest start.
        let planEnd = max(wallMicros, end.compactMap { $0 }.max() ?? 0)
        var latestFinish = [Int64](repeating: planEnd, count: count)
        for index in graph.topologicalOrder.reversed() {
            for successor in successors[index] {
                guard let successorStart = start[successor], let successorEnd = end[successor] else { continue }
                latestFinish[index] = min(latestFinish[index], latestFinish[successor].minusSaturating(successorEnd.minusSaturating(successorStart)))
            }
        }
        // The chain: from the step that ended last, back through the predecessor that ended last.
        let position = Dictionary(uniqueKeysWithValues: graph.topologicalOrder.enumerated().map { ($1, $0) })
        var chain: [Int] = []
        var current = (0..<count).filter { end[$0] != nil }.max { a, b in
            (end[a] ?? 0, position[a] ?? 0) < (end[b] ?? 0, position[b] ?? 0)
        }
        var visited = Set<Int>()
        while let index = current, visited.insert(index).inserted {
            chain.append(index)
            let before = predecessors(index)
            let fitting = before.filter { (end[$0] ?? 0) <= (start[index] ?? 0) }
            current = (fitting.isEmpty ? before : fitting).max { a, b in (end[a] ?? 0, -a) < (end[b] ?? 0, -b) }
        }
        chain.reverse()
        func entry(_ index: Int, previousEnd: Int64) -> Entry {
            let s = start[index] ?? 0, e = end[index] ?? 0
            return Entry(
                step: graph.stepIDs[index], label: planValue.steps[index].label, status: state.steps[index].status,
                startMicros: s, durationMicros: e.minusSaturating(s), waitMicros: max(0, s.minusSaturating(previousEnd)),
                slackMicros: max(0, latestFinish[index].minusSaturating(e)))
        }
        var previousEnd: Int64 = 0
        path = chain.map { index in
            defer { previousEnd = end[index] ?? previousEnd }
            return entry(index, previousEnd: previousEnd)
        }
        let onPath = Set(chain)
        others = graph.topologicalOrder.filter { end[$0] != nil && !onPath.contains($0) }
            .map { index in entry(index, previousEnd: predecessors(index).compactMap { end[$0] }.max() ?? 0) }
            .sorted { ($0.slackMicros, $0.startMicros) < ($1.slackMicros, $1.startMicros) }
    }

    public func text(style: TextStyle) -> String {
        guard !path.isEmpty else { return "no step has run to its end yet\n" }
        let onPath = path.reduce(Int64(0)) { $0.plusSaturating($1.durationMicros) }
        var out = style.bold("critical path") + ": \(DurationFormat.describe(microseconds: onPath)) of steps in \(DurationFormat.describe(microseconds: wallMicros)) wall time\n"
        let width = (path + others).map { "\(shown: $0.step)".count }.max() ?? 0
        func line(_ entry: Entry) -> String {
            let id = "\(shown: entry.step)".padding(toLength: width, withPad: " ", startingAt: 0)
            let duration = DurationFormat.describe(microseconds: entry.durationMicros).padding(toLength: 7, withPad: " ", startingAt: 0)
            let wait = entry.waitMicros > 0 ? style.dim("  waited \(DurationFormat.describe(microseconds: entry.waitMicros))") : ""
            return "  \(id)  \(duration)  slack \(DurationFormat.describe(microseconds: entry.slackMicros))\(wait)  \(shown: entry.label)\n"
        }
        for entry in path { out += line(entry) }
        if !others.isEmpty {
            out += style.dim("off the path (slack: how much later each could have ended without delaying the plan):") + "\n"
            for entry in others { out += line(entry) }
        }
        return out
    }
}
