import EventLog
import Foundation
import InstallModel
import Sealing

/// Which records of a log in a home's `plans/` that home vouches for (issue #25, integrity23 #1 #6 #7 #8 #11): the one
/// place every reader (the fold behind `status`, `list`, plan pages, `what-*`, reports, install history) and every writer
/// (`resume`, `remedy`, `uninstall`, `upgrade`) asks. A home's own keys are this host's key and the keys it had before
/// (`previous-keys/`); a plan the home took over (`adopted-plans`) admits the key that sealed it before this host's did.
/// Reads only: neither the record of seals seen nor anything else is written.
public struct HomeVouching: Sendable {
    /// The home whose `plans/` the log lies in.
    public let archive: PlanArchive
    /// The fingerprints of this host's key and of the keys it had before.
    public let ownKeys: Set<String>
    /// Whether this home seals the logs it writes: the host has a key, or the home keeps a record of seals seen.
    public let seals: Bool
    /// Where this host's keys are kept.
    let keyDirectory: String

    /// The vouching of `archive`, with the keys kept in `keyDirectory` (`HostKey.directory()`).
    public init(archive: PlanArchive, keyDirectory: String = HostKey.directory()) {
        self.archive = archive
        self.keyDirectory = keyDirectory
        var keys: Set<String> = []
        let previous = keyDirectory + "/previous-keys"
        let kept = ((try? FileManager.default.contentsOfDirectory(atPath: previous)) ?? []).map { previous + "/" + $0 }
        for file in [HostKey.publicPath(in: keyDirectory)] + kept where file.hasSuffix(".pub") {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8), let key = try? SealPublicKey(text: text) else { continue }
            keys.insert(key.fingerprint)
        }
        ownKeys = keys
        seals = FileManager.default.fileExists(atPath: HostKey.privatePath(in: keyDirectory))
            || FileManager.default.fileExists(atPath: LastSeenSeals.path(in: archive.home))
    }

    /// The vouching of the home whose `plans/` holds `log`, nil for a log elsewhere (a bundle, a file named by path):
    /// such a file is read as it is and `evlog verify --key` judges it.
    public static func of(_ log: PlanLog) -> HomeVouching? {
        let directory = URL(fileURLWithPath: log.path).deletingLastPathComponent()
        guard directory.lastPathComponent == "plans", log.path.hasSuffix(PlanLog.fileExtension) else { return nil }
        return HomeVouching(archive: PlanArchive(home: directory.deletingLastPathComponent().path))
    }

    /// Records of a log this home does not take as history, from `record` on: none of them decides the plan's state.
    public struct Distrust: Sendable, Hashable {
        /// The first record not vouched for (0: the whole log).
        public var record: UInt64
        /// As a word a program can match: `unrecorded` (a log of this home with no seal, or seals its record does
        /// not match) or `another_key` (sealed by a key that is not this host's).
        public var word: String
        /// One line saying so.
        public var note: String
    }

    /// What this home makes of a log: the records it does not vouch for, and whether the log was cut back.
    public struct Judgement: Sendable {
        /// The records it does not vouch for (nil when it vouches for all).
        public var distrust: Distrust?
        /// A note when the log ends before a seal of it this home saw (rolled back: its state is older than what was
        /// recorded).
        public var rolledBack: String?
    }

    /// What this home makes of `log`. `report` is the log's pass with no key expected (`SealVerifier.verify`) when the
    /// caller has made it already (`PlanLog.sealReading`: one pass for all a reader asks); without it, one is made.
    public func judge(_ log: PlanLog, report known: SealReport? = nil) -> Judgement {
        guard let report = known ?? (try? SealVerifier.verify(path: log.path)) else { return Judgement() }
        var seen = (try? LastSeenSeals(path: LastSeenSeals.path(in: archive.home))) ?? LastSeenSeals()
        let plan = PlanID(report.plan.isEmpty ? log.id.rawValue : report.plan)
        let claimed = isClaimed(log)
        let ours = isOwn(log, plan: plan, seen: seen, claimed: claimed)
        let recordKept = FileManager.default.fileExists(atPath: LastSeenSeals.path(in: archive.home))
            || FileManager.default.fileExists(atPath: archive.home + "/seal-record-since")
        let verify = "see `evlog verify \(log.path) --key <host.pub>`"
        if report.lastValid == nil, report.broken == nil { return Judgement(distrust: unsealed(log, plan: plan, ours: ours, seen: seen)) }
        guard report.broken == nil || report.broken?.untrustedKey == true else { return Judgement() }
        if let foreign = foreignFrom(report, plan: log.id, namesThisHome: claimed || ours) {
            return Judgement(distrust: Distrust(record: foreign.record, word: "another_key",
                note: "sealed by another key, not this host's: records \(foreign.record) on (key \(foreign.key)) are not taken as the plan's state; \(verify)"))
        }
        // The record is asked of a log created here (its header says so, or this home's records do), not of one adopted
        // from another home whose header names that home (its first seals are not this home's).
        guard claimed || (ours && !CreatedPlans.adopted(in: archive).contains(log.id)), recordKept else { return Judgement() }
        let checked = seen.check(report, sealedHereRecordedAt: LastSeenSeals.path(in: archive.home))
        if checked.unrecorded != nil || checked.fork != nil {
            let why = checked.fork.map { "its seal \($0.counter) is not the one this home saw (cut back and continued)" }
                ?? "this home's record of the seals it made has no entry for it"
            return Judgement(distrust: Distrust(record: 0, word: "unrecorded", note: "unrecorded: \(why); nothing in it is taken as the plan's state; \(verify)"))
        }
        let rolledBack = checked.rollback.map {
            "rolled back: seal \($0.seen) of this plan was seen here, this log ends at seal \($0.endsAt) (an older copy): its state is older than what was recorded; \(verify)"
        }
        return Judgement(rolledBack: rolledBack)
    }

    /// Whether `log`'s header names this home as its creator: the file's own word.
    func isClaimed(_ log: PlanLog) -> Bool {
        let own = HomeIdentity(archive: archive).existing
        return own != nil && log.creatingHome == own
    }

    /// Whether `log` is this home's own by this home's records, whatever its header says: the record of the plans it
    /// created lists `plan` (or the plan the file is named for), or the record of seals seen holds a seal of it made by
    /// one of this host's keys; in a home that keeps no record of the plans it created (an older evlog's), a header
    /// naming this home (`claimed`). The header's creator is the file's word, and an edit may change it to another
    /// home's, none, or an import's (integrity25 #1), or to this home's (integrity26).
    func isOwn(_ log: PlanLog, plan: PlanID, seen: LastSeenSeals, claimed: Bool) -> Bool {
        let created = CreatedPlans(archive: archive)
        return created.contains(plan) || created.contains(log.id) || seen.holds(plan: plan.rawValue, sealedByAnyOf: ownKeys)
            || seen.holds(plan: log.id.rawValue, sealedByAnyOf: ownKeys) || (claimed && !created.isKept)
    }

    /// What a home that seals makes of a log in its `plans/` that carries no seal (`plan`: the plan its header names;
    /// `ours`: `isOwn`). One of this home's own is its history when written before the host had its key, and stripped
    /// of its seals (edited) when a seal of it was seen or it was created after the key. One it did not create is not
    /// its history whatever its header claims (a creation time before the key, this home's id: the file's own word):
    /// dropped into `plans/` under a new plan id, it is said not to be written here (integrity26). An import (`evlog
    /// import`, shown as such), and any log of a home that keeps no record of the plans it created (an older evlog's),
    /// are read as they are.
    func unsealed(_ log: PlanLog, plan: PlanID, ours: Bool, seen: LastSeenSeals) -> Distrust? {
        guard seals else { return nil }
        let verify = "see `evlog verify \(log.path) --key <host.pub>`"
        if ours {
            guard seen.holds(plan: plan.rawValue) || seen.holds(plan: log.id.rawValue) || createdWhileSealing(log) else { return nil }
            return Distrust(record: 0, word: "unrecorded",
                note: "not sealed, though this home seals every log it writes (edited?): nothing in it is taken as the plan's state; \(verify)")
        }
        guard !log.wasImported, CreatedPlans(archive: archive).isKept, !CreatedPlans.adopted(in: archive).contains(log.id) else { return nil }
        return Distrust(record: 0, word: "not_written_here",
            note: "not written here: it carries no seal, though this home seals every log it writes, and this home's record of the plans it created "
                + "does not list it (copied in, or forged, whatever its header says): nothing in it is taken as the plan's state; `evlog import` an export of it to view it as another machine's")
    }

    /// The first record a key other than this home's own sealed, and that key: from the first seal when the log's first
    /// key is not this host's (unless the home adopted the plan, admitting the key it was sealed by before it came
    /// here), else from the first hand-over to such a key. Nil when the host has no key, or every key is its own, or the
    /// log is neither this home's (its header names it) nor adopted: another home's log copied in is said to be so
    /// (`PlanLog.Origin`), read-only until `--key` admits it, and no install history of this home.
    func foreignFrom(_ report: SealReport, plan: PlanID, namesThisHome: Bool) -> (record: UInt64, key: String)? {
        guard !ownKeys.isEmpty, let first = report.signers.first ?? report.broken?.signer else { return nil }
        let adopted = CreatedPlans.adopted(in: archive).contains(plan)
        guard namesThisHome || adopted else { return nil }
        var adoptedKey = adopted ? first : nil
        if !ownKeys.contains(first), adoptedKey == nil { return (0, first) }
        for handover in report.handovers {
            let key = Self.fingerprint(handover.to)
            if ownKeys.contains(key) {
                adoptedKey = nil
                continue
            }
            if key == adoptedKey { continue }
            return (handover.atRecord, key)
        }
        if let broken = report.broken, !ownKeys.contains(broken.signer), broken.signer != adoptedKey { return (broken.firstSuspect, broken.signer) }
        return nil
    }

    /// The fingerprint in a hand-over's key, which a keyring may prefix with its host (`web1 (ed25519:…)`).
    static func fingerprint(_ shown: String) -> String {
        guard let open = shown.lastIndex(of: "("), shown.hasSuffix(")") else { return shown }
        return String(shown[shown.index(after: open)..<shown.index(before: shown.endIndex)])
    }

    /// Whether `log` was created while this host had its key: its header's creation time is not before the key file was
    /// written (a rotation only moves that later). A log from before then carries no seal and is read as it is; the
    /// record of seals seen is not asked here, as a home may keep one from `resume` runs before the host had a key.
    func createdWhileSealing(_ log: PlanLog) -> Bool {
        guard let created = (try? LogReader(path: log.path))?.header.createdAtMicros,
              let date = (try? FileManager.default.attributesOfItem(atPath: HostKey.privatePath(in: keyDirectory)))?[.modificationDate] as? Date
        else { return false }
        return created >= Int64(date.timeIntervalSince1970 * 1_000_000)
    }
}
