/// Why `evlog bundle` writes no bundle of a log (FORMAT.md §9.4): a bundle is final, so it is made of a plan
/// that no writer extends any more and that holds a plan at all.
public enum PlanBundleRefusal: Error, Equatable, CustomStringConvertible {
    /// A writer holds the log: its plan is running (in `pid`, when evlog can name that writer). Bundled now,
    /// its unsealed tail would read as a crashed writer's, and a later seal would be missing from the bundle.
    case running(plan: String, pid: Int32?)
    /// The log is a copy of a plan whose own log (`original`) a writer holds now (`pid`, when evlog can name it):
    /// its unsealed tail is a live run's, and bundled it would read as a crash's (integrity16 finding 12).
    case copyOfRunning(plan: String, original: String, pid: Int32?)
    /// The log holds no `plan_created` record (a writer killed before it wrote one, `reason`): nothing ran to bundle.
    case holdsNoPlan(path: String, reason: String?)
    /// Another file was renamed over the log while it was copied (integrity18 #5).
    case replaced(path: String)

    public var description: String {
        switch self {
        case .running(let plan, let pid?):
            "plan \(plan) is still running in process \(pid); bundle it when it ends"
        case .running(let plan, nil):
            "plan \(plan) is still running (its log is locked by a process evlog cannot name); bundle it when it ends"
        case .copyOfRunning(let plan, let original, let pid):
            "this log is a copy of plan \(plan), which is still running\(pid.map { " in process \($0)" } ?? "") (its log: \(original)); "
                + "bundle that plan when it ends"
        case .holdsNoPlan(let path, let reason):
            "\(path) holds no plan\(reason.map { " (\($0))" } ?? ""); nothing to bundle"
        case .replaced(let path):
            "\(path) was replaced (another file renamed over it) while it was being bundled; no bundle was written: bundle it again"
        }
    }
}
