import Foundation
import InstallModel
import Orchestrator
import Sealing

extension PlanRow {
    /// The row `evlog status` shows of `log` in the home `home`, from one `SealReading` (one pass over the file: the
    /// fold, the note and the home's judgement share it, integrity26); with `keys` (`--key`, `--keyring`), what they
    /// do not seal is marked and not folded, as `evlog verify --key` fails it. Throws a `UserFacingError` for a log
    /// that holds no plan.
    public init(statusOf log: PlanLog, home: String, keys: TrustedKeys? = nil) throws {
        if let stillborn = log.stillbornNote { throw UserFacingError(stillborn) }
        let reading = log.sealReading(trusting: keys)
        let fold = try log.currentSealedFold(reading: reading)
        guard let plan = fold.state.plan else {
            let reason = log.noPlanReason.map { " (\($0))" } ?? " yet"
            throw UserFacingError("\(log.path)\(fold.damage.map { " is \($0.summary) and" } ?? "") holds no plan\(reason)")
        }
        self.init(id: plan.id, state: fold.state, writer: log.writer, damage: fold.damage)
        headerLabel = log.mislabelNote == nil ? nil : log.mislabel
        unsealed = fold.unsealed
        sealNote = log.sealNote(reading)
        // The home's judgement the fold made already (`HomeVouching`): no second pass over the log and the record.
        rolledBack = fold.rolledBack
        elsewhere = log.origin(ownHome: HomeIdentity(archive: PlanArchive(home: home)).existing)
        if plan.simulation?.isReproduction == true {
            // A reproduction keeps the original's plan id inside; it is known by its own log's name (repro12 F3).
            markReproduction(in: log)
            id = PlanID(URL(fileURLWithPath: log.path).deletingPathExtension().lastPathComponent)
        }
    }
}
