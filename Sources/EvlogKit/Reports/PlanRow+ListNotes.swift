import Orchestrator

extension PlanRow {
    /// What `evlog list` and the server's plan list (`/`) say after a row not as recorded (`sealNote`: a broken seal, a
    /// rolled-back or unsealed log): its state is the file's, not what evlog recorded (serve20b #1), and why (`sealWord`). Nil when no seal of it is broken.
    public var sealBrokenMark: String? {
        sealNote == nil ? nil : "not as recorded: \(sealWord), see `evlog status \(id.rawValue)`"
    }
}
