import InstallModel

extension PlanState {
    /// The steps column of `evlog list` and the server's plan list: steps that ended well of all, and how many were
    /// skipped because a step they need failed (`1/107 (102 skipped)`), never those counted as done (serve20b #8).
    public var stepTally: String {
        let cut = dependencySkipCount
        return "\(endedWellCount)/\(steps.count)" + (cut > 0 ? " (\(cut) skipped)" : "")
    }
}
