import EventLog
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The user's decision that a log is the one to trust as it is (`evlog verify FILE --key PUB --accept-rollback`,
/// Docs/FORMAT.md §9.6): a copy restored from a backup, a history kept after a fork, or a log the record of seals
/// seen no longer names. The record then holds the log as it ends, and the decision is kept beside it, one JSON
/// object a line in `accepted-rollbacks.jsonl` (what was seen, what was accepted, when, from which file), so
/// going back is never silent.
extension LastSeenSeals {
    /// The file of decisions beside the record at `path`.
    public static func decisionsPath(besideRecordAt path: String) -> String {
        ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent("accepted-rollbacks.jsonl")
    }

    /// Records the log `report` describes (read from `file`) as ending where it ends, lowering what was seen of it,
    /// and appends the decision beside the record. Returns the report as the record now judges it (neither rolled
    /// back nor forked nor unrecorded), or it unchanged when it has no seal to record or a seal fails.
    /// `sealedHere` as for `check(_:recordedAt:sealedHere:)`: it names what was wrong in the decision (`why`: `rolled_back`,
    /// `forked`, `unrecorded`, or `confirmed` when nothing was), unless `why` names the decision itself
    /// (`adopted_on_first_use`: a home's first record, `PlanArchive.adoptSealedLogsOnFirstUse`).
    public static func accept(
        _ report: SealReport, from file: String, recordedAt path: String, sealedHere: Bool, now: Int64, why: String? = nil
    ) throws -> SealReport {
        guard let end = report.endPoint, report.broken == nil else { return report }
        let decisions = decisionsPath(besideRecordAt: path)
        // The decision is durable before the record changes (integrity18 #8): a crash in between leaves a decision
        // logged and the record as it was, never the record moved back with no decision said.
        let problem = try update(recordedAt: path, decidingFirst: { seen in
            var decision: [String: Any] = [
                "accepted_at": now, "file": file, "log": Hex.encode(end.log), "plan": end.plan, "seal": end.counter,
                "head": Hex.encode(end.chainHead),
            ]
            var judge = seen
            decision["why"] = why ?? judge.check(report, sealedHereRecordedAt: sealedHere ? path : nil).recordVerdict ?? "confirmed"
            if let before = seen.seen(end) {
                decision["seen_seal"] = before.counter
                decision["seen_head"] = before.chainHead.map(Hex.encode)
            }
            let line = try JSONSerialization.data(withJSONObject: decision, options: [.sortedKeys]) + Data("\n".utf8)
            try appendDecision(Array(line), to: decisions)
        }) { $0.replace(end) }
        if let problem { throw SealingError.cannotWrite(path, problem) }
        var accepted = report
        accepted.rollback = nil
        accepted.fork = nil
        accepted.unrecorded = nil
        return accepted
    }

    /// Makes `point` what was seen of its log, even when more was seen before (a decision of the user's).
    mutating func replace(_ point: SealPoint) {
        entries.removeAll { $0.isAbout(point) }
        entries.append(Entry(point))
    }
}

/// Appends `line` to the decisions at `path` (a regular file, never read through a symbolic link; made when missing),
/// written whole: the file with the line added is made beside it, fsynced and renamed over it (`WholeFile`), so a
/// crash leaves the decisions before or after, never a part of a line.
private func appendDecision(_ line: [UInt8], to path: String) throws(SealingError) {
    var kept: [UInt8] = []
    let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
    if descriptor >= 0 {
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            throw SealingError.cannotWrite(path, "it is \(FileKind.name(status.st_mode & S_IFMT)), not a file")
        }
        do {
            kept = Array(try FileHandle(fileDescriptor: descriptor, closeOnDealloc: false).readToEnd() ?? Data())
        } catch {
            throw SealingError.cannotWrite(path, String(cString: strerror(errno)))
        }
    } else if errno != ENOENT {
        throw SealingError.cannotWrite(path, String(cString: strerror(errno)))
    }
    do {
        try WholeFile.write(kept + line, to: path)
    } catch {
        throw SealingError.cannotWrite(path, error.description)
    }
}
