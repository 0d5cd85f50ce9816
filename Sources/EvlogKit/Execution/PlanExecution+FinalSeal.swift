import EventLog
import Foundation
import InstallModel
import Orchestrator
import Sealing

extension PlanExecution {
    /// Closes the log at `path` of a plan that ended (done, cancelled) in this home when its writer was killed between
    /// the seal over the plan's end and the final seal it makes at close (integrity13 #17): nothing is left to run,
    /// so `resume` only adds the final seal — over seals `checked` already found intact, by this host's key — and says
    /// so. Any other log is left as it is. `lock` is the writer lock `resume` holds. Returns whether it closed the log.
    func closeEndedLog(
        _ path: String, state: PlanState, checked: (report: SealReport, sealer: Sealer?), holding lock: WriterLock
    ) throws -> Bool {
        guard state.status == .done || state.status == .cancelled, checked.report.coverage == .endsAtOpenSeal,
              checked.sealer != nil, archive.sealedHere(path), let plan = state.plan, misnamedInPlans(path, plan: plan.id) == nil
        else { return false }
        let writer = try archive.reopen(path, now: SystemClock().now(), holding: lock)
        let store = try SealingEventStore.forLog(writer, checked: checked, sealing: true, witness: archive.sealWitness(for: path))
        try store.close()
        Terminal.print(
            "evlog: plan \(plan.id) ended (\(state.status.rawValue)), but its writer stopped before the final seal: its log is closed with one now",
            to: STDERR_FILENO)
        return true
    }
}
