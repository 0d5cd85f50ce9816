import EventLog
import Foundation
import Orchestrator
import Sealing

extension PlanArchive {
    /// The record of the seals this home has seen (`verify --key` and this home's writers keep it, FORMAT.md §9.6).
    public var lastSeenSeals: String { LastSeenSeals.path(in: home) }

    /// The refusal for a log whose seal is broken (an edit, named before the record is read), or that ends before a
    /// seal of it this home has already seen, or whose seal under a counter already seen signs another chain head: a
    /// closed log cut back at an earlier seal looks like a crashed one, and continuing it would run its steps again and
    /// seal a second, different history under the same counters. Nil when the log goes as far as anything seen, along
    /// the same history. A seal by a key not trusted here is no edit: such a log is judged by the record alone (cut
    /// back, forked), and the caller's origin check, which in `resume` comes later, refuses it as read-only until
    /// `--key`. Starts the record of the seals seen (`startSealRecord`, which may adopt this home's sealed logs on first
    /// use) and reads it. `undone` says what the refusal left undone.
    public func rolledBack(_ path: String, report: SealReport, undone: String = "nothing was run") throws -> UserFacingError? {
        // What happened to the file comes first (FORMAT.md §9.5): an edit or damage is no older copy, and accepting
        // it as a rollback would be refused anyway (integrity20 #3).
        if let broken = report.broken, !broken.untrustedKey {
            return UserFacingError(
                "\(path): seal \(broken.sealIndex) (record \(broken.atRecord)) is broken: \(broken.problem); records from \(broken.firstSuspect) on "
                    + "were changed after they were sealed (an edit, not an older copy); \(undone) (see `evlog verify \(path)`)")
        }
        // A log of this home that carries no seal, or seals the home's record does not match, is no history to continue
        // (integrity23 #7): the home's one judgement (`HomeVouching`), made before the record is started.
        let log = PlanLog(path: path)
        if let distrust = HomeVouching.of(log)?.judge(log).distrust, distrust.word == "unrecorded" {
            return UserFacingError("\(path) is unrecorded: \(distrust.note); \(undone)")
        }
        startSealRecord()
        var seen: LastSeenSeals
        do { seen = try LastSeenSeals(path: lastSeenSeals) } catch { throw UserFacingError("\(error.description); \(undone)") }
        let checked = seen.check(report, sealedHereRecordedAt: sealedHere(path) ? lastSeenSeals : nil)
        if let rollback = checked.rollback, let damage = PlanArchive.damage(ofLogAt: path) {
            return UserFacingError(
                "\(path) is \(damage.summary): \(damage.reason); what is intact before it ends at seal \(rollback.endsAt), but seal \(rollback.seen) "
                    + "of this plan was already seen here, so continuing from there would run its steps again; \(undone) "
                    + "(see `evlog verify \(path)`: it says what follows the damage; restore the log from a copy if you have one)")
        }
        let verify = "\(undone) (see `evlog verify \(path) --key <host.pub>`; if this copy is the one to keep, say so with "
            + "`evlog verify \(path) --key <host.pub> --accept-rollback`)"
        if let rollback = checked.rollback {
            return UserFacingError(
                "\(path) ends at seal \(rollback.endsAt), but seal \(rollback.seen) of this plan was already seen here: it was cut back (an older copy), not crashed; \(verify)")
        }
        if let fork = checked.fork {
            return UserFacingError(
                "\(path) is tampered: its seal \(fork.counter) is not the seal \(fork.counter) this home saw of it (another chain head): a fork of the log this home saw, cut back and continued; \(verify)")
        }
        if checked.unrecorded != nil {
            return UserFacingError(
                "\(path) was sealed in this home, but \(lastSeenSeals), where this home records every seal it makes, has no entry for it: "
                    + "the record was removed or replaced, so a copy cut back could not be told from the latest; \(verify)")
        }
        return nil
    }

    /// Where reading the log at `path` stops at damage (a flipped byte, a torn block); nil when it does not.
    static func damage(ofLogAt path: String) -> LogDamage? {
        (try? PlanLog(path: path).stateAndDamageFromLastCheckpoint())?.damage
    }

    /// Whether the log at `path` was created by a run in this home (its header names this home's id).
    public func sealedHere(_ path: String) -> Bool {
        let own = HomeIdentity(archive: self).existing
        return own != nil && PlanLog(path: path).creatingHome == own
    }

    /// What the writer of the log at `path` tells of each seal it makes: recorded in the home's record of the seals
    /// seen as soon as it is durable (so a log cut back to before a crash is told apart too), after the check a reader
    /// makes. A seal the record contradicts — another writer of the same log went further, or signed another history
    /// under the same counter — stops the writer (one writer per plan). So does a record that cannot be written (a full
    /// disk, a symbolic link): a seal this home made and could not record would read later as a log cut back, and the
    /// steps after it would run unrecorded (integrity13 #2); the log stays a crash that `resume` continues.
    public func sealWitness(for path: String) -> SealWitness {
        startSealRecord()
        let record = lastSeenSeals
        let cursor = LastSeenSeals.Cursor()
        return { seal in
            do {
                if let conflict = try LastSeenSeals.record(seal, at: record, cursor: cursor) {
                    throw UserFacingError(
                        "\(path): \(conflict) (\(record)); two writers are running this plan (was its log replaced while it ran?), so this one stops")
                }
            } catch let error as UserFacingError {
                throw error
            } catch {
                throw UserFacingError(
                    "\(path): could not record its seal in \(record) (\(error)), so the run stops before its next step; "
                        + "free space or fix that file, then `evlog resume \(PlanLog(path: path).id)`")
            }
        }
    }

    /// Records `seal`, the last seal this home's writer made or took over in a log, in the home's record of the seals
    /// seen, so a copy cut back before it, or cut back and continued, is told apart later. A record that cannot be
    /// written is said on stderr: the run stands.
    public func noteSeal(_ seal: SealPoint?) {
        guard let seal else { return }
        startSealRecord()
        let problem: String?
        do {
            problem = try LastSeenSeals.note(seal, recordedAt: lastSeenSeals)
        } catch {
            problem = error.description
        }
        if let problem { Terminal.print("evlog: could not record the seals made in \(lastSeenSeals): \(problem)", to: STDERR_FILENO) }
    }
}
