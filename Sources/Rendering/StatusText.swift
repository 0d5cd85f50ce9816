import InstallModel

/// Wording both terminal renderers share, so the line view and the live view say the same thing.
enum StatusText {
    static func skip(_ reason: SkipReason, _ detail: String) -> String {
        switch reason {
        case .alreadySatisfied: "(\(shown: detail))"
        case .dependencyFailed(let failed): "(not run: \(shown: failed) failed)"
        case .userSkipped: "(skipped by you: \(shown: detail))"
        }
    }

    /// `2 done, 1 skipped`: the non-zero step counts in status order.
    static func stepCounts(_ state: PlanState) -> String {
        StepStatus.allCases.compactMap { status -> String? in
            let count = state.count(status)
            return count == 0 ? nil : "\(count) \(status.rawValue)"
        }.joined(separator: ", ")
    }
}
