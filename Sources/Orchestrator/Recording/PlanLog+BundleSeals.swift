import Sealing

extension PlanLog {
    /// For a bundle (`.evb`, read anywhere, usually far from the host that made it) whose seals do not cover all
    /// of it — a seal broken by an edit, records after its final seal — one line saying from which record on what
    /// it shows is not what the host recorded (integrity10 finding 16); nil for any other file, an unsealed bundle
    /// (its host had no key: it claims nothing), or a whole one. Read with no key: it says what the seals hold, not
    /// whose they are (`evlog verify --key` does).
    public var bundleSealNote: String? {
        guard path.hasSuffix(PlanLog.bundleExtension), let report = try? SealVerifier.verify(path: path),
              report.lastValid != nil || report.broken != nil,
              let reason = report.uncoveredReason, reason != "unsealed_bundle", let first = report.firstUncovered
        else { return nil }
        let why = report.broken.map { "seal \($0.sealIndex) is broken: \($0.problem)" } ?? reason.replacingOccurrences(of: "_", with: " ")
        return "the bundle's seals do not cover record \(first) on (\(why)): what follows is not what the host recorded; see `evlog verify \(path)`"
    }
}

extension PlanLog {
    /// Why the records after the log's last seal are not covered, when they follow a seal that holds and no writer is
    /// sealing them right now: `after_final_seal` (appended after the log was closed), `forged_tail` (no crash leaves
    /// them), `unsealed_tail` (a crashed writer's, not resumed yet); nil otherwise (every record covered, a live writer,
    /// no seal, or a broken one, which readers of a bundle warn about). Read with no key, as `bundleSealNote`.
    public var unsealedTailReason: String? {
        guard let report = try? SealVerifier.verify(path: path), report.lastValid != nil, report.broken == nil,
              let reason = report.uncoveredReason, PlanLog.tailReasons.contains(reason) else { return nil }
        return reason
    }

    static let tailReasons: Set<String> = ["after_final_seal", "forged_tail", "unsealed_tail"]

    /// The first record no seal covers and why (`seal_broken`, or a tail reason of `unsealedTailReason`), for a log that
    /// carries seals: every record from it on is uncovered, what `export --jsonl` marks `not_sealed` (integrity18 #2).
    /// Nil when every record is covered, a live writer is still sealing, or the log claims nothing (no seal at all).
    public var uncoveredFrom: (record: UInt64, why: String)? {
        guard let report = try? SealVerifier.verify(path: path), report.lastValid != nil || report.broken != nil,
              let reason = report.uncoveredReason, reason == "seal_broken" || PlanLog.tailReasons.contains(reason),
              let first = report.firstUncovered else { return nil }
        return (first, reason)
    }
}
