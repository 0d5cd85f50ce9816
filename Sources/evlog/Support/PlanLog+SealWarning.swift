import Foundation
import Orchestrator
import EvlogKit
import Sealing

extension PlanLog {
    /// Says on stderr, before a read command shows a log or bundle, that its seals do not cover all of it, or that
    /// `keys` (`--key`, `--keyring`) do not seal all of it (`sealNote(_:)`); silent for anything else. Returns the
    /// reading it made, for a command that asks the seals more (one pass).
    @discardableResult
    func warnIfSealsFail(keys: TrustedKeys? = nil) -> SealReading {
        let reading = sealReading(trusting: keys)
        if let note = sealNote(reading) { Terminal.print("evlog: warning: " + note, to: STDERR_FILENO) }
        return reading
    }

    /// The remediations no seal covers (`unsealedProposals`), said on stderr for a listing that leaves them out.
    func unsealedProposalsWarned(_ reading: SealReading) -> UnsealedProposals? {
        guard let unsealed = unsealedProposals(reading.report) else { return nil }
        Terminal.print("evlog: warning: " + unsealed.note, to: STDERR_FILENO)
        return unsealed
    }
}
