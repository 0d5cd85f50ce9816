import EventLog
import Foundation
import Sealing

extension PlanLog {
    /// Where the plan this file holds is being run now, when this file is not that run's log (a copy of it, made
    /// while it ran): the plan's own log, `plans/<plan id>.evlog` in the home its `plan_created` names or in one of
    /// `homes`, held by a writer, and that writer's pid when evlog can name it. Nil when the plan ended (a copy of an
    /// ended plan holds all of it), when this file is that log, or when no writer holds it. A copy's unsealed tail is
    /// then a live run's, not a crash's (integrity16 finding 12): sealed in a bundle, it would read as a crash.
    public func runningOriginal(homes: [String]) -> (path: String, pid: Int32?)? {
        guard let state = try? stateFromLastCheckpoint(), let plan = state.plan, !state.status.isTerminal, plan.id.isWellFormed
        else { return nil }
        let own = FileIdentity(following: path)
        for home in [plan.environment?.evlogHome].compactMap({ $0 }) + homes {
            let original = PlanArchive(home: home).logPath(for: plan.id)
            guard let identity = FileIdentity(following: original), identity != own else { continue }
            // A writer's exclusive lock on the log or its sidecar, whoever took it: evlog sees no further than the lock.
            let hold: ReaderHold?
            do { hold = try ReaderHold.take(logAt: original) } catch { continue }
            guard let hold else { return (original, LogWriterProbe.writer(ofLogAt: original)) }
            hold.release()
        }
        return nil
    }
}
