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
        if let note = sealNote(reading) ?? appendedTailNote(reading) { Terminal.print("evlog: warning: " + note, to: STDERR_FILENO) }
        return reading
    }

    /// For a log no writer holds whose records after its last seal no crash leaves (after its final seal, or events a
    /// writer seals as it records them): what a reader showing commands and output (`replay`, `export --asciicast`)
    /// says before it shows them (integrity25 #5). `status` says it in its tail line, `what-ran` on each command.
    func appendedTailNote(_ reading: SealReading) -> String? {
        guard let reason = PlanLog.unsealedTailReason(reading.report), reason != "unsealed_tail", let first = reading.report?.firstUncovered else { return nil }
        return "records \(first) on come after the log's last seal (\(reason.replacingOccurrences(of: "_", with: " ")): appended later, no crash leaves them): "
            + "what follows is not what evlog recorded; see `evlog verify \(path)`"
    }

    /// The remediations no seal covers (`unsealedProposals`), said on stderr for a listing that leaves them out.
    func unsealedProposalsWarned(_ reading: SealReading) -> UnsealedProposals? {
        guard let unsealed = unsealedProposals(reading.report) else { return nil }
        Terminal.print("evlog: warning: " + unsealed.note, to: STDERR_FILENO)
        return unsealed
    }
}
