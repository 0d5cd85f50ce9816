import InstallModel

/// The plan's DAG as inline SVG: steps in columns by dependency depth, dependency edges as arrows,
/// package-manager ordering edges dashed, each box coloured by the step's final status.
enum HTMLGraph {
    static let nodeWidth = 190
    static let nodeHeight = 44
    static let columnGap = 60
    static let rowGap = 16

    static func svg(_ state: PlanState) -> String {
        guard let plan = state.plan, let graph = state.graph, !plan.steps.isEmpty else { return "<p>No steps.</p>" }
        // Depth = the longest chain of dependencies before a step.
        var depth = [Int](repeating: 0, count: plan.steps.count)
        for index in graph.topologicalOrder {
            depth[index] = (graph.dependencies[index].map { depth[$0] + 1 }).max() ?? 0
        }
        var rowInColumn: [Int: Int] = [:]
        var position = [(x: Int, y: Int)](repeating: (0, 0), count: plan.steps.count)
        for index in graph.topologicalOrder {
            let row = rowInColumn[depth[index], default: 0]
            rowInColumn[depth[index]] = row + 1
            position[index] = (depth[index] * (nodeWidth + columnGap) + 10, row * (nodeHeight + rowGap) + 10)
        }
        let width = ((depth.max() ?? 0) + 1) * (nodeWidth + columnGap) - columnGap + 20
        let height = (rowInColumn.values.max() ?? 1) * (nodeHeight + rowGap) - rowGap + 20
        var out = "<svg class=\"dag\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"plan steps and their dependencies\">\n"
        out += "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#667\"/></marker></defs>\n"
        for index in plan.steps.indices {
            for dependency in graph.dependencies[index] { out += edge(from: position[dependency], to: position[index], dashed: false) }
            for predecessor in graph.orderingPredecessors[index] where !graph.dependencies[index].contains(predecessor) {
                out += edge(from: position[predecessor], to: position[index], dashed: true)
            }
        }
        for (index, step) in plan.steps.enumerated() {
            let status = state.steps[index].status.rawValue
            let (x, y) = position[index]
            out += "<g class=\"node \(status)\"><title>\(HTMLText.escape(step.label)) (\(step.kind.rawValue), \(status))</title>"
            out += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(nodeWidth)\" height=\"\(nodeHeight)\" rx=\"6\"/>"
            out += "<text x=\"\(x + 8)\" y=\"\(y + 18)\" class=\"id\">\(HTMLText.escape(TerminalText.fit(step.id.rawValue, columns: 24)))</text>"
            out += "<text x=\"\(x + 8)\" y=\"\(y + 35)\" class=\"sub\">\(step.kind.rawValue) · \(status)</text></g>\n"
        }
        return out + "</svg>"
    }

    private static func edge(from: (x: Int, y: Int), to: (x: Int, y: Int), dashed: Bool) -> String {
        let x1 = from.x + nodeWidth, y1 = from.y + nodeHeight / 2
        let x2 = to.x, y2 = to.y + nodeHeight / 2
        let bend = max(20, (x2 - x1) / 2)
        let dash = dashed ? " stroke-dasharray=\"5 4\"" : ""
        return "<path d=\"M\(x1),\(y1) C\(x1 + bend),\(y1) \(x2 - bend),\(y2) \(x2),\(y2)\" class=\"edge\"\(dash) marker-end=\"url(#arrow)\"/>\n"
    }
}
