import Foundation
import Orchestrator
import EvlogKit

extension PlanLog {
    /// Says on stderr, before a read command shows a log or bundle, that its seals do not cover all of it
    /// (`sealNote`); silent for anything else.
    func warnIfSealsFail() {
        if let note = sealNote { Terminal.print("evlog: warning: " + note, to: STDERR_FILENO) }
    }

    /// The remediations no seal covers (`unsealedProposals`), said on stderr for a listing that leaves them out.
    func unsealedProposalsWarned() -> UnsealedProposals? {
        guard let unsealed = unsealedProposals else { return nil }
        Terminal.print("evlog: warning: " + unsealed.note, to: STDERR_FILENO)
        return unsealed
    }
}
