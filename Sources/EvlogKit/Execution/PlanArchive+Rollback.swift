import Orchestrator
import Sealing

extension PlanArchive {
    /// The refusal for a log that ends before a seal of its plan this home has already seen (`verify --key`
    /// records them, FORMAT.md §9.6): a closed log cut back at an earlier seal looks like a crashed one, and
    /// continuing it would run its steps again and seal a second, different history under the same counters.
    /// Nil when the log goes as far as anything seen. The record is only read here.
    func rolledBack(_ path: String, report: SealReport) throws -> UserFacingError? {
        var seen = try LastSeenSeals(path: LastSeenSeals.path(in: home))
        guard let rollback = seen.check(report).rollback else { return nil }
        return UserFacingError(
            "\(path) ends at seal \(rollback.endsAt), but seal \(rollback.seen) of this plan was already seen here: it was cut back (an older copy), not crashed; nothing was run (see `evlog verify \(path) --key <host.pub>`)")
    }
}
