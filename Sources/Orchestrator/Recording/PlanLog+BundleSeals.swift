import Sealing

extension PlanLog {
    /// For a sealed file whose seals do not cover all of it, one line saying from which record on what readers show
    /// is not what was recorded; nil for a whole file, or one without seals (its writer had no key: it claims nothing).
    /// A bundle (`.evb`, read anywhere, usually far from the host that made it) is named for a broken seal and for
    /// records after its final seal (integrity10 finding 16); any other log, in `plans/` or not, for a broken seal —
    /// an edit or an inserted record (integrity20 #2) — since the records after its last seal are what
    /// `sealedFold` and `unsealedTailReason` judge. Read with no key: it says what the seals hold, not whose they
    /// are (`evlog verify --key` does).
    /// In a home's `plans/`, a log that home does not vouch for (`HomeVouching`: no seal in a home that seals, another
    /// key's seals, cut back before a seal the home saw) is named too (integrity23 #1 #6 #7); so is a bundle cut short.
    /// One pass over the file (`sealReading`); a reader that asks more of the seals makes the reading once and asks
    /// `sealNote(_:)`.
    public var sealNote: String? { sealNote(sealReading()) }

    /// `sealNote` from the log's seal `report` (a pass with no key expected: `SealVerifier.verify`), for a reader that
    /// has one.
    public static func sealNote(_ report: SealReport, path: String) -> String? {
        let bundle = path.hasSuffix(PlanLog.bundleExtension)
        if bundle, report.broken == nil, !report.isWholeBundle, report.firstUncovered == nil, report.writer == nil {
            // A bundle cut at an earlier seal holds a valid, older state (integrity23 #10).
            return "not a whole bundle (cut short at seal \(report.lastValid?.counter ?? 0)?): what it shows may be an older state than the host's; see `evlog verify \(path)`"
        }
        guard report.lastValid != nil || report.broken != nil, bundle || report.broken != nil,
              let reason = report.uncoveredReason, reason != "unsealed_bundle", let first = report.firstUncovered
        else { return nil }
        let why = report.broken.map { "seal \($0.sealIndex) is broken: \($0.problem)" } ?? reason.replacingOccurrences(of: "_", with: " ")
        let whose = bundle ? "the bundle's seals" : "the log's seals"
        let recorded = bundle ? "what the host recorded" : "what evlog recorded"
        return "\(whose) do not cover record \(first) on (\(why)): what follows is not \(recorded); see `evlog verify \(path)`"
    }
}

extension PlanLog {
    /// Why the records after the log's last seal are not covered, when they follow a seal that holds and no writer is
    /// sealing them right now: `after_final_seal` (appended after the log was closed), `forged_tail` (no crash leaves
    /// them), `unsealed_tail` (a crashed writer's, not resumed yet); nil otherwise (every record covered, a live writer,
    /// no seal, or a broken one, which readers warn about: `sealNote`). Read with no key, as `sealNote`.
    public var unsealedTailReason: String? { Self.unsealedTailReason(try? SealVerifier.verify(path: path)) }

    /// `unsealedTailReason` from the log's seal `report` (`SealReading.report`).
    public static func unsealedTailReason(_ report: SealReport?) -> String? {
        guard let report, report.lastValid != nil, report.broken == nil,
              let reason = report.uncoveredReason, PlanLog.tailReasons.contains(reason) else { return nil }
        return reason
    }

    static let tailReasons: Set<String> = ["after_final_seal", "forged_tail", "unsealed_tail"]

    /// The first record no seal covers and why (`seal_broken`, or a tail reason of `unsealedTailReason`), for a log that
    /// carries seals: every record from it on is uncovered, what `export --jsonl` marks `not_sealed` (integrity18 #2).
    /// Nil when every record is covered, a live writer is still sealing, or the log claims nothing (no seal at all).
    /// `reading`: the log's `SealReading`; what the keys given do not seal, or the home does not vouch for
    /// (`SealReading.distrust`), is uncovered too, named by its word.
    public func uncoveredFrom(_ reading: SealReading) -> (record: UInt64, why: String)? {
        if let distrust = reading.distrust { return (distrust.record, distrust.word) }
        guard let report = reading.report, report.lastValid != nil || report.broken != nil,
              let reason = report.uncoveredReason, reason == "seal_broken" || PlanLog.tailReasons.contains(reason),
              let first = report.firstUncovered else { return nil }
        return (first, reason)
    }
}
