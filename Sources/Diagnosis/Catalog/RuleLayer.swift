/// Where a rule sits in the precedence order: tool-specific rules win over method-family rules,
/// which win over infrastructure rules, which win over bootstrap rules.
public enum RuleLayer: String, Codable, Sendable, CaseIterable, Comparable {
    case tool
    case methodFamily = "method_family"
    case infrastructure
    case bootstrap

    /// 0 for the most specific layer.
    public var precedence: Int {
        switch self {
        case .tool: 0
        case .methodFamily: 1
        case .infrastructure: 2
        case .bootstrap: 3
        }
    }

    public static func < (lhs: RuleLayer, rhs: RuleLayer) -> Bool { lhs.precedence < rhs.precedence }
}
