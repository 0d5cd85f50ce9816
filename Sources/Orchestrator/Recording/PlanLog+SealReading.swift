import Sealing

extension PlanLog {
    /// What a reader of one plan learns of its log's seals, from one pass over the file (integrity26): the seal report,
    /// the judgement of the home whose `plans/` holds the log (`HomeVouching`), and, when the reader was given keys
    /// (`--key`, `--keyring`), what they do not seal. Made once per command and handed to all it asks: the fold
    /// (`sealedFold(reading:)`), the events shown (`vouched(reading:)`), the note (`sealNote(_:)`), the remediations
    /// withheld (`unsealedProposals(_:)`), so `status` and `what-failed` pass over a log once, not once per question.
    public struct SealReading: Sendable {
        /// The log's seal pass with no key expected (`SealVerifier.verify`); nil when the file cannot be read, or
        /// carries no seal and lies outside a home's `plans/` (it claims nothing, and nothing judges it).
        public let report: SealReport?
        /// The home's judgement (nil for a log outside a home's `plans/`).
        public let home: HomeVouching.Judgement?
        /// With keys given: the records no valid seal of those keys covers (nil when every record is, or none given).
        public let unkeyed: HomeVouching.Distrust?

        /// The records a reader does not take as the plan's state: what the keys given do not seal, else what the home
        /// does not vouch for.
        public var distrust: HomeVouching.Distrust? { unkeyed ?? home?.distrust }
    }

    /// The log's `SealReading`: one pass with no key (the report and the home's judgement), and with `keys` one more,
    /// that a reader given a key marks what it does not seal the way `evlog verify --key` does.
    public func sealReading(trusting keys: TrustedKeys? = nil) -> SealReading {
        let vouching = HomeVouching.of(self)
        let report = vouching != nil || (try? holdsSeals()) == true ? try? SealVerifier.verify(path: path) : nil
        let home = vouching.map { $0.judge(self, report: report) }
        return SealReading(report: report, home: home, unkeyed: keys.flatMap(unsealed(by:)))
    }

    /// The records of this log no valid seal of `keys` covers, as `verify --key` finds them (a seal by another key, an
    /// edit, records after the last seal, a log cut at an open seal or with none); nil when every record is covered.
    func unsealed(by keys: TrustedKeys) -> HomeVouching.Distrust? {
        guard let keyed = try? SealVerifier.verify(path: path, trusting: keys) else {
            return HomeVouching.Distrust(record: 0, word: "not_sealed", note: "not sealed by the key given (\(keys.description)): its seals could not be read, so nothing in it is taken as the plan's state")
        }
        guard keyed.broken != nil || !keyed.isCovered else { return nil }
        let first = keyed.firstUncovered ?? 0
        let reason = keyed.uncoveredReason ?? "not_sealed"
        let why = keyed.broken.map { "seal \($0.sealIndex) is broken: \($0.problem)" } ?? reason.replacingOccurrences(of: "_", with: " ")
        return HomeVouching.Distrust(record: first, word: reason,
            note: "not sealed by the key given (\(keys.description)): records \(first) on are covered by no valid seal of it (\(why)) and are not taken as the plan's state; "
                + "see `evlog verify \(path) --key <key>`")
    }

    /// For a sealed file whose seals do not cover all of it, or a log its home does not vouch for, or records the keys
    /// the reader gave do not seal, one line saying so (`sealNote`), from `reading`.
    public func sealNote(_ reading: SealReading) -> String? {
        if let unkeyed = reading.unkeyed { return unkeyed.note }
        return reading.report.flatMap { PlanLog.sealNote($0, path: path) } ?? reading.home?.distrust?.note ?? reading.home?.rolledBack
    }
}
