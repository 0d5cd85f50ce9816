/// How much harm a step can do if it goes wrong; high and critical steps need explicit consent.
public enum Risk: String, Codable, Sendable, CaseIterable, Comparable {
    case low, medium, high, critical

    private var rank: Int {
        switch self {
        case .low: 0
        case .medium: 1
        case .high: 2
        case .critical: 3
        }
    }
    public static func < (lhs: Risk, rhs: Risk) -> Bool { lhs.rank < rhs.rank }
}

/// What the user must restart before a step's effect is visible.
public enum RestartRequirement: String, Codable, Sendable, CaseIterable {
    case none, shell, session, system
}

extension Risk: CodingKeyRepresentable {}
