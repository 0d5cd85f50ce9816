import EvlogKit
import Catalog
import InstallModel
import Orchestrator

/// The seal check of the logs a lifecycle command acts on (integrity13 #7): `uninstall` purges the packages a log says
/// its install added and `upgrade` installs from the recipe a log recorded, so a log edited in place, one with records
/// appended after its final seal, one sealed by another key than this host's, or one cut back before a seal this home
/// saw, is named and not acted on. Logs written before the host had a key carry no seals and are read as they are.
enum LifecycleSeals {
    /// Refuses (exit 2) when a log the history of `tools` comes from fails its seals, naming the plan and why.
    static func refuseUntrustedRecords(of tools: [String], history: InstallHistory, home: String, catalog: Catalog) throws {
        let names = tools.map { catalog.recipe(named: $0.lowercased())?.name ?? $0 }
        let archive = PlanArchive(home: home)
        // A log the home does not vouch for folds to no install (`HomeVouching`), so the history does not name it: the
        // plans naming these tools are asked too, so that such a log is named, not passed over (integrity23 #8).
        let naming = PlanLog.all(home: home).filter { log in
            (try? log.stateFromLastCheckpoint())?.plan?.tools.contains(where: { names.contains($0) }) == true
                && HomeVouching(archive: archive).judge(log).distrust != nil
        }.map(\.id)
        for plan in history.plansBehind(names).union(naming).sorted(by: { $0.rawValue < $1.rawValue }) {
            let path = archive.logPath(for: plan)
            guard let problem = try archive.recordTrustProblem(ofLogAt: path) else { continue }
            throw UserFacingError(
                "the log of plan \(plan) (\(path)), which records how \(names.joined(separator: ", ")) got here, fails its seal check: "
                    + "\(problem); evlog does not act on a record nobody vouches for. `evlog verify \(path) --key <host.pub>` shows it; "
                    + "nothing was changed")
        }
    }
}
