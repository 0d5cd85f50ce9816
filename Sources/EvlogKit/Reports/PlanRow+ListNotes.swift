import Orchestrator

extension PlanRow {
    /// What `evlog list` and the server's plan list (`/`) say after a row whose seal is broken (`sealNote`): its state
    /// is the file's, not what evlog recorded (serve20b #1). Nil when no seal of it is broken.
    public var sealBrokenMark: String? {
        sealNote == nil ? nil : "seal broken: not as recorded, see `evlog status \(id.rawValue)`"
    }
}
