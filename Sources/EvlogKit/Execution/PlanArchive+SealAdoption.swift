import Foundation
import InstallModel
import Orchestrator
import Rendering
import Sealing

extension PlanArchive {
    /// Marks that this home keeps a record of the seals seen (FORMAT.md §9.6): made once, when the home's first
    /// record starts (a new home, or an earlier evlog's home adopted). Removing the record alone leaves it, so a
    /// log the record no longer names stays `unrecorded` instead of being adopted again.
    public var sealRecordMark: String { home + "/seal-record-since" }

    /// Starts the record of seals seen in a home that has none (trust on first use, as ssh's known_hosts):
    /// when neither the record nor `sealRecordMark` exists, every log in `plans/` whose header names this home and
    /// whose seals hold and are all this host's key's (`HostKey.directory()`: the key this home's writers sealed with)
    /// is recorded as it ends now; a log sealed by any other key is named and left out (integrity11 #9), each adoption goes into `accepted-rollbacks.jsonl`, and the
    /// mark is made. An earlier evlog's own sealed logs then resume, remedy and bundle without
    /// `verify --accept-rollback`. A home with a record, or the mark, is never adopted again: a log it lacks stays
    /// strict. Returns what to tell the user (nil when nothing was adopted); errors are returned, not thrown, as
    /// the checks that follow stay strict.
    @discardableResult
    public func adoptSealedLogsOnFirstUse(now: Int64) -> String? {
        let files = FileManager.default
        guard files.fileExists(atPath: home), !files.fileExists(atPath: sealRecordMark) else { return nil }
        guard !files.fileExists(atPath: lastSeenSeals), let own = HomeIdentity(archive: self).existing else {
            // A record kept by an evlog before the mark, or a home whose logs name none: nothing to adopt.
            return markSealRecord("started \(Timestamp(microseconds: now).utcText)")
        }
        let hostKey = (try? HostKey.load(from: HostKey.directory()))?.publicKey.fingerprint
        var adopted: [String] = []
        var otherKeys: [String] = []
        for log in PlanLog.all(inDirectory: plansDirectory) where log.creatingHome == own {
            guard let report = try? SealVerifier.verify(path: log.path), report.broken == nil, !report.failed,
                  !report.signers.isEmpty else { continue }
            guard let hostKey, report.signers.allSatisfy({ $0 == hostKey }) else {
                otherKeys.append(log.id.rawValue)
                continue
            }
            guard (try? LastSeenSeals.accept(report, from: log.path, recordedAt: lastSeenSeals, sealedHere: true, now: now, why: "adopted_on_first_use"))?
                .endPoint != nil
            else { continue }
            adopted.append(log.id.rawValue)
        }
        let problem = markSealRecord("adopted \(adopted.count) sealed logs \(Timestamp(microseconds: now).utcText)")
        let notAdopted = otherKeys.isEmpty ? nil : "not adopted, sealed by another key than this host's: " + otherKeys.shown(joinedBy: ", ")
        guard !adopted.isEmpty else { return notAdopted.map { "evlog: \(home): " + $0 + (problem.map { "; " + $0 } ?? "") } ?? problem }
        return "evlog: \(home) had no record of the seals seen (first run of this evlog here): its \(adopted.count) sealed logs were "
            + "recorded as they end now, trusted on first use (\(LastSeenSeals.decisionsPath(besideRecordAt: lastSeenSeals)))"
            + (notAdopted.map { "; " + $0 } ?? "") + (problem.map { "; " + $0 } ?? "")
    }

    /// `adoptSealedLogsOnFirstUse` now, what it did said on stderr: called before this home's record of seals is
    /// read or written.
    public func startSealRecord() {
        if let said = adoptSealedLogsOnFirstUse(now: SystemClock().now().microseconds) { Terminal.print(said, to: STDERR_FILENO) }
    }

    /// Makes the mark, saying `how` the record started; a problem making it, said to the user.
    private func markSealRecord(_ how: String) -> String? {
        let descriptor = open(sealRecordMark, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard descriptor >= 0 else {
            return errno == EEXIST ? nil : "evlog: could not make \(sealRecordMark): \(String(cString: strerror(errno)))"
        }
        defer { close(descriptor) }
        let bytes = Array((how + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        return nil
    }
}
