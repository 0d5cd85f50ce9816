import Foundation
import Orchestrator
import Sealing

extension PlanArchive {
    /// The record of the seals this home has seen (`verify --key` and this home's writers keep it, FORMAT.md §9.6).
    public var lastSeenSeals: String { LastSeenSeals.path(in: home) }

    /// The refusal for a log that ends before a seal of it this home has already seen, or whose seal under a
    /// counter already seen signs another chain head: a closed log cut back at an earlier seal looks like a
    /// crashed one, and continuing it would run its steps again and seal a second, different history under the
    /// same counters. Nil when the log goes as far as anything seen, along the same history. The record is only read here.
    /// `undone` says what the refusal left undone.
    public func rolledBack(_ path: String, report: SealReport, undone: String = "nothing was run") throws -> UserFacingError? {
        var seen = try LastSeenSeals(path: lastSeenSeals)
        let checked = seen.check(report)
        let verify = "\(undone) (see `evlog verify \(path) --key <host.pub>`)"
        if let rollback = checked.rollback {
            return UserFacingError(
                "\(path) ends at seal \(rollback.endsAt), but seal \(rollback.seen) of this plan was already seen here: it was cut back (an older copy), not crashed; \(verify)")
        }
        if let fork = checked.fork {
            return UserFacingError(
                "\(path) is tampered: its seal \(fork.counter) is not the seal \(fork.counter) this home saw of it (another chain head): a fork of the log this home saw, cut back and continued; \(verify)")
        }
        return nil
    }

    /// Records `seal`, the last seal this home's writer made or took over in a log, in the home's record of the seals
    /// seen, so a copy cut back before it, or cut back and continued, is told apart later. A record that cannot be
    /// written is said on stderr: the run stands.
    public func noteSeal(_ seal: SealPoint?) {
        guard let seal else { return }
        let problem: String?
        do {
            problem = try LastSeenSeals.note(seal, recordedAt: lastSeenSeals)
        } catch {
            problem = error.description
        }
        if let problem { Terminal.print("evlog: could not record the seals made in \(lastSeenSeals): \(problem)", to: STDERR_FILENO) }
    }
}
