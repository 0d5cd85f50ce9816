import EvlogKit
import Orchestrator
import Synchronization

/// The rows of `/` and `/api/plans`: each log's fold (`PlanRow.Fold`, the log read from its last checkpoint)
/// kept under its file's version (`FileVersion`) and made again only once the file changes, so a list polled
/// every few seconds over thousands of plans reads only the logs written since (serve18 #4: 3,000 plans were
/// folded for every answer, 3 s each). Who writes a plan is asked each time: a writer that dies changes no
/// byte of its log. Where each plan ran (`PlanLog.origin`: imported, another home's) is kept with its fold, as
/// `list --json` says it (serve20b #2). A file gone from the directory is forgotten.
final class PlanRows: Sendable {
    private let folds = Mutex<[String: (version: FileVersion, ownHome: String?, fold: PlanRow.Fold?, origin: PlanLog.Origin?)]>([:])
    private let made = Atomic<Int>(0)

    /// Folds made (not taken from those kept) since the server started.
    var foldsMade: Int { made.load(ordering: .relaxed) }

    /// The rows of `logs` (listed oldest first), newest first: `limit` of them at most, after the first `skip`;
    /// and whether rows follow the last one given. Only the logs up to the last row given are read. `ownHome`: the
    /// identity of the home they are in (`HomeIdentity.existing`).
    func rows(_ logs: [PlanLog], ownHome: String?, skip: Int = 0, limit: Int = .max) -> (rows: [PlanRow], more: Bool) {
        let present = Set(logs.map(\.path))
        defer { folds.withLock { $0 = $0.filter { present.contains($0.key) } } }
        var rows: [PlanRow] = []
        var skipped = 0
        for log in logs.reversed() {
            guard let (fold, origin) = fold(of: log, ownHome: ownHome), let fold, var row = PlanRow(of: log, fold: fold) else { continue }
            row.elsewhere = origin
            if skipped < skip {
                skipped += 1
                continue
            }
            if rows.count == limit { return (rows, true) }
            rows.append(row)
        }
        return (rows, false)
    }

    /// The fold of `log` as its file is now, and where it ran: those kept when the file has not changed since.
    private func fold(of log: PlanLog, ownHome: String?) -> (fold: PlanRow.Fold?, origin: PlanLog.Origin?)? {
        guard let version = FileVersion(atPath: log.path) else { return nil }
        if let kept = folds.withLock({ $0[log.path] }), kept.version == version, kept.ownHome == ownHome { return (kept.fold, kept.origin) }
        let fold = PlanRow.Fold(of: log)
        // Read as `list` and `status` read it (`PlanLog.origin`).
        let origin = log.origin(ownHome: ownHome)
        made.add(1, ordering: .relaxed)
        // Kept only when the file did not change while it was read (a running plan's log grows meanwhile).
        if FileVersion(atPath: log.path) == version { folds.withLock { $0[log.path] = (version, ownHome, fold, origin) } }
        return (fold, origin)
    }
}
