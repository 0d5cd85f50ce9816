import CivilTime
import Foundation

/// What a log's seals prove: who sealed how much of it, whether every record is covered, and if not,
/// the first record that is not and why (an edit, a tail after the last seal, a cut at a seal).
public struct SealReport: Sendable, Equatable {
    /// The type of the record a bundle ends with before its final seal (Docs/FORMAT.md §9.4).
    public static let bundleInfoType = "bundle_info"
    /// The type of the record a writer continuing a crashed log puts, with a seal right after it, over the
    /// records the crashed writer left after its last seal (Docs/FORMAT.md §9.5): `first`, `last` name them.
    public static let crashTailType = "unsealed_at_crash"

    /// A change of the key that seals the log: allowed only after a final seal (another host, or this one with a
    /// new key, continued the closed log: `remedy`/`resume --key`).
    public struct Handover: Sendable, Equatable {
        /// The first record the new key's seals cover that the old key's did not.
        public var atRecord: UInt64
        /// The old and the new key: a fingerprint, after the host name the keyring gives it (`web1 (ed25519:…)`).
        public var from: String
        public var to: String
        /// The counter of the new key's first seal.
        public var counter: UInt64
    }

    /// The log continues along another branch than the one the record of seals seen holds (`LastSeenSeals`): another
    /// key took the log over after seal `after` and went on, and this log continues from that seal without it.
    public struct Branch: Sendable, Equatable {
        public var after: UInt64
        public var otherKey: String
    }

    /// The records and time range one valid seal covers.
    public struct Seal: Sendable, Equatable {
        public var fingerprint: String
        public var records: UInt64
        public var firstTime: Int64
        public var lastTime: Int64
        /// 1 for the log's first seal.
        public var counter: UInt64
        /// The writer closed the log with this seal.
        public var final: Bool
        /// The host the keyring names for its key, if any.
        public var host: String?
    }

    /// The first seal that does not hold, and the records one of which was changed.
    public struct Broken: Sendable, Equatable {
        /// 1 for the first seal in the log.
        public var sealIndex: Int
        /// The record index of the seal.
        public var atRecord: UInt64
        /// The first record not covered by an earlier valid seal.
        public var firstSuspect: UInt64
        public var problem: String
        /// The fingerprint the broken seal names (a key that may or may not have made it).
        public var signer: String
        /// The seal holds, but its key is none of those trusted: a log from elsewhere, not an edit.
        public var untrustedKey = false
    }

    /// The records after the last valid seal: how many, how many are output chunks, which event types the others are,
    /// and the first that a crash could not have left there.
    public struct Tail: Sendable, Equatable {
        /// The only JSON event types a writer records without sealing them (`EventBody.isStateTransition` is false
        /// for them; output chunks are binary records): all a crash can leave after the last seal (FORMAT.md §9.5).
        public static let crashTypes: Set<String> = ["command_started", "command_finished"]

        public var records: UInt64 = 0
        public var outputChunks: UInt64 = 0
        /// Event types in the order first met.
        public var types: [String] = []
        /// The first record (its index in the log) no crash could leave after the last seal, and why.
        public var firstForged: Forged?
        /// The first `command_started` after the last seal: one a live writer that seals them would have sealed.
        public var firstCommandStart: UInt64?

        /// A tail record a crashed writer could not have left.
        public struct Forged: Sendable, Equatable {
            public var record: UInt64
            public var reason: String
        }

        /// How far after the verifier's clock a crash tail's time may be (another host's clock running ahead).
        public static let clockSkewMaxMicros: Int64 = 24 * 3600 * 1_000_000

        /// Counts the record at `index`: an output chunk (`type` nil) or an event, about `step`, stamped
        /// `stamp`, after a record stamped `previous`; `running` are the steps running at the last seal; no
        /// record a crash left can be stamped after `notAfter` (the verifier's clock and `clockSkewMaxMicros`).
        mutating func add(type: String?, step: String?, index: UInt64, stamp: (sequence: UInt64, time: Int64)?,
                          previous: (sequence: UInt64, time: Int64)?, running: Set<String>, notAfter: Int64) {
            records += 1
            if type == nil { outputChunks += 1 } else if let type, !types.contains(type) { types.append(type) }
            if type == "command_started", firstCommandStart == nil { firstCommandStart = index }
            guard firstForged == nil else { return }
            if let reason = Tail.forgery(type: type, step: step, stamp: stamp, previous: previous, running: running, notAfter: notAfter) {
                firstForged = Forged(record: index, reason: reason)
            }
        }

        static let unknownRecordPrefix = "unknown record"

        /// What a record that is neither JSON nor an output chunk is called: `unknown record (tag 4)`.
        static func unknownRecord(tag: UInt8?) -> String { "\(unknownRecordPrefix) (tag \(tag.map(String.init) ?? "none"))" }

        private static func forgery(type: String?, step: String?, stamp: (sequence: UInt64, time: Int64)?,
                                    previous: (sequence: UInt64, time: Int64)?, running: Set<String>, notAfter: Int64) -> String? {
            let what = type ?? "output chunk"
            if let type, type.hasPrefix(unknownRecordPrefix) { return "it is an \(type), which no writer writes" }
            if let type, !crashTypes.contains(type) { return "it is a \(type) event, which a writer seals as it records it" }
            guard let step, running.contains(step) else {
                return "it is a \(what) of step \(step ?? "(none)"), which was not running at the last seal"
            }
            guard let stamp else { return "it has no sequence number and time" }
            if let previous {
                // A writer numbers records one by one, so a crash leaves no gap (and no seq past UInt64.max).
                guard previous.sequence < UInt64.max, stamp.sequence == previous.sequence + 1 else {
                    return "its seq \(stamp.sequence) does not follow the seq \(previous.sequence) before it"
                }
                guard stamp.time >= previous.time else { return "its time goes back before the record before it" }
            }
            // What a crash left was written before the crash, so before now; a later time would be adopted by the
            // writer continuing the log and signed into its seals' time range.
            guard stamp.time <= notAfter else { return "its time \(SealReport.iso(stamp.time)) is later than now" }
            return nil
        }

        var description: String {
            ((outputChunks > 0 ? ["\(outputChunks) output chunk\(outputChunks == 1 ? "" : "s")"] : []) + types).joined(separator: ", ")
        }
    }

    /// How a bundle ends: where its `bundle_info` record is (and whether its count and chain head hold).
    public struct BundleEnd: Sendable, Equatable {
        public var infoIndex: UInt64?
        public var infoHolds: Bool
        public var records: UInt64
        /// The seals before `bundle_info`.
        public var sealsBeforeInfo: UInt64?
        /// When the host bundled it (`bundle_info`'s `bundled_at`, microseconds since 1970): which of a host's
        /// bundles is its newest (`LastSeenHosts`).
        public var bundledAt: Int64?

        init(info: (index: UInt64, holds: Bool, sealsBefore: UInt64, bundledAt: Int64?)?, lastRecord: UInt64) {
            infoIndex = info?.index
            infoHolds = info?.holds ?? false
            sealsBeforeInfo = info?.sealsBefore
            bundledAt = info?.bundledAt
            records = lastRecord
        }

        /// Why the bundle is not whole, or nil when `bundle_info` is the record right before its final seal.
        public var problem: String? {
            guard let infoIndex else { return "it has no bundle_info record (a bundle cut short, or not a bundle)" }
            guard infoIndex + 2 == records else { return "its bundle_info (record \(infoIndex)) is not the record before its final seal" }
            guard infoHolds else { return "its bundle_info does not hold the record count and chain head before it" }
            return nil
        }
    }

    /// Whether every record is covered by a valid seal, and if not, how the file ends.
    public enum Coverage: Sendable, Equatable {
        /// A seal fails: see `broken`.
        case broken
        /// No seal at all.
        case notSealed
        /// The last record is a final seal (and a bundle's `bundle_info` precedes it).
        case whole
        /// A writer (this process id) holds the log's lock: what it has not sealed yet is expected.
        case live(writer: Int32)
        /// Records follow the last seal; `afterFinal`: that seal closed the log.
        case unsealedTail(afterFinal: Bool)
        /// The file ends at a seal that is not final: cut after it, or its writer crashed there.
        case endsAtOpenSeal
        /// A bundle whose end is not `bundle_info` and a final seal: why.
        case incompleteBundle(String)
        /// A bundle made on a host without a key: the log's final seal, then `bundle_info`, unsealed.
        case unsealedBundle
    }

    /// A log that ends before a seal a verifier has already seen for its plan (`LastSeenSeals`).
    public struct Rollback: Sendable, Equatable {
        /// The highest seal counter seen for the plan and key.
        public var seen: UInt64
        /// The counter of this log's last seal (for a bundle, the last before its `bundle_info`).
        public var endsAt: UInt64
    }

    /// A log sealed where its record of seals seen is kept that the record does not name (`unrecorded`).
    public struct Unrecorded: Sendable, Equatable {
        /// The record of seals seen.
        public var record: String
    }

    /// A log whose seal carries a counter already seen for the same log, over another chain head: the log
    /// was cut back to an earlier seal and continued, a second history under the same counters.
    public struct Fork: Sendable, Equatable {
        /// The counter of the seal seen with another chain head.
        public var counter: UInt64
    }

    /// A host's bundle older than the newest bundle of that host seen before, of another plan (`LastSeenHosts`):
    /// an earlier run's bundle presented as the host's current one.
    public struct HostRollback: Sendable, Equatable {
        /// The host (`web1 (ed25519:…)`, or its key's fingerprint).
        public var host: String
        /// The plan of its newest bundle seen, and when each was bundled (microseconds since 1970).
        public var newestPlan: String
        public var newestBundledAt: Int64
        public var bundledAt: Int64
    }

    /// The log's header label: its plan id.
    public var plan: String = ""
    public var lastValid: Seal?
    public var broken: Broken?
    /// The fingerprints of the keys that made the valid seals, each once, in the order first met.
    public var signers: [String] = []
    /// Set by `LastSeenSeals.check` when the log ends before a seal already seen.
    public var rollback: Rollback?
    /// Set by `LastSeenHosts.check` when the host's newest bundle seen is another plan's, bundled later.
    public var hostRollback: HostRollback?
    /// Set by `LastSeenSeals.check` when a seal already seen has another chain head here.
    public var fork: Fork?
    /// Set when the record holds another key's continuation of this log and this one is a branch of its own: no failure.
    public var branch: Branch?
    /// Set by `LastSeenSeals.check` for a log this home sealed of which the record of seals seen has no entry: the
    /// record was removed or replaced, so a copy cut back could not be told from the latest.
    public var unrecorded: Unrecorded?
    /// Intact records read (checked up to and including a broken seal).
    public var totalRecords: UInt64
    /// The fingerprint seals had to be signed by (or which keyring), when one was given.
    public var expected: String?
    /// The pid of the evlog process holding the log's writer lock, if any (a lock held by anything else is ignored).
    public var writer: Int32?
    public var tail: Tail
    /// The log's format seals at every state transition (version 2); a version-1 writer sealed only
    /// every 4,096 events, so a crash could leave anything after its last seal.
    public var sealsEveryTransition: Bool
    /// Where the key that seals the log changed, each after a final seal of the key before.
    public var handovers: [Handover] = []
    /// Records a crashed writer left after its last seal, which the writer that continued the log sealed
    /// behind an `unsealed_at_crash` mark: covered, but vouched for by no writer that wrote them.
    public var crashTails: [ClosedRange<UInt64>] = []
    /// In a format-1 log, whose writer sealed only every 4,096 events, the first record of a crash tail that no crash
    /// leaves (a `step_done`, a `plan_done`): taken over behind its mark all the same, it decides nothing (integrity23 #4).
    public var crashTailForgeries: [Tail.Forged] = []
    /// SHA-256 of the first valid seal's payload: the log's identity (`SealPoint.log`).
    public var firstSeal: [UInt8]?
    /// The chain head each valid seal signs, in order: the seal with counter `c` at index `c - 1`.
    public var chainHeads: [[UInt8]] = []
    /// The chain head after every record read: two reports with the same one read the same records.
    public var chainHead: [UInt8] = []
    /// Set when the file is checked as a bundle.
    public var bundle: BundleEnd?
    /// Bytes after the last intact record that are no valid block (`evlog verify` sets it from the file's damage): no
    /// seal covers them, so the file is not covered even when its last seal is final (integrity13 #13).
    public var damagedBytes: Int64 = 0

    public var coverage: Coverage {
        if broken != nil { return .broken }
        // A live writer seals every state transition: what it has not sealed yet is only what a crash could leave.
        let liveWriter = tail.firstForged == nil ? writer : nil
        guard let seal = lastValid else { return liveWriter.map { .live(writer: $0) } ?? .notSealed }
        if let liveWriter, bundle == nil, !(seal.final && tail.records > 0) { return .live(writer: liveWriter) }
        if seal.final, tail.records == 1, tail.types == [SealReport.bundleInfoType], let bundle,
           bundle.infoIndex == totalRecords - 1, bundle.infoHolds {
            return .unsealedBundle
        }
        if tail.records > 0 { return .unsealedTail(afterFinal: seal.final) }
        guard seal.final else { return .endsAtOpenSeal }
        if let problem = bundle?.problem { return .incompleteBundle(problem) }
        return .whole
    }

    /// A bundle that ends as `evlog bundle` wrote it: sealed to its end (`whole`, `unsealedBundle`), or, made on a
    /// host without a key, with its `bundle_info` last and holding the record count and chain head before it
    /// (whole, but vouched for by nobody, as that host's logs are).
    public var isWholeBundle: Bool {
        switch coverage {
        case .whole, .unsealedBundle: return true
        case .notSealed:
            guard let bundle, let info = bundle.infoIndex else { return false }
            return info + 1 == totalRecords && bundle.infoHolds
        default: return false
        }
    }

    /// The log carries a seal and none of its seals fails.
    public var isSealed: Bool { lastValid != nil && broken == nil }
    /// Every record is covered by a valid seal (or a live writer is still sealing).
    public var isCovered: Bool {
        guard damagedBytes == 0 else { return false }
        switch coverage {
        case .whole, .live: return true
        default: return false
        }
    }
    /// A seal fails (tampering detected), or a key was expected and not every record is covered by it, or
    /// the log was rolled back to an earlier seal.
    public var failed: Bool {
        broken != nil || (expected != nil && !isCovered) || rollback != nil || hostRollback != nil || fork != nil || unrecorded != nil
    }
    /// Whether the seals cover the file header too (format 2 on): a format-1 header (label, creator, creation time) is outside the chain.
    public var headerCovered: Bool { sealsEveryTransition }
    /// Why the record of seals seen failed the log, as a word a program can match: `rolled_back`, `forked`, `unrecorded`.
    public var recordVerdict: String? { rollback != nil || hostRollback != nil ? "rolled_back" : fork != nil ? "forked" : unrecorded != nil ? "unrecorded" : nil }
    /// The counter of the log's last valid seal: for a bundle, the last before its `bundle_info` (the
    /// plan's log as bundled, so a bundle and the log it copies compare alike).
    public var endsAtSeal: UInt64? { bundle.flatMap(\.sealsBeforeInfo) ?? lastValid?.counter }
    /// The log's seal with counter `counter`, when it has that valid seal.
    public func point(at counter: UInt64) -> SealPoint? {
        guard let log = firstSeal, let seal = lastValid, counter >= 1, counter <= UInt64(chainHeads.count) else { return nil }
        // The key that sealed last took the log over at its last handover (a later key's branch starts there).
        var branch: (since: UInt64, base: [UInt8])?
        if let handover = handovers.last, handover.counter >= 2, handover.counter <= counter {
            branch = (since: handover.counter, base: chainHeads[Int(handover.counter - 2)])
        }
        return SealPoint(log: log, plan: plan, key: seal.fingerprint, counter: counter, chainHead: chainHeads[Int(counter - 1)], branch: branch)
    }

    /// The seal the log ends at (`endsAtSeal`), as the record of seals seen keeps it.
    public var endPoint: SealPoint? { endsAtSeal.flatMap(point(at:)) }
    /// Records after the last valid seal.
    public var unsealedTail: UInt64 { tail.records }
    /// The first record no valid seal covers, nil when every record is covered.
    public var firstUncovered: UInt64? {
        if let broken { return broken.firstSuspect }
        return tail.records > 0 ? totalRecords - tail.records : nil
    }

    /// Why not every record is covered, as a word a program can match (nil when every record is, or a
    /// live writer is still sealing): `seal_broken`, `not_sealed`, `empty` (no record at all), `after_final_seal`, `unsealed_tail`,
    /// `forged_tail`, `ends_at_open_seal`, `format_1_no_final_seal`, `incomplete_bundle`, `unsealed_bundle`, `damaged`
    /// (bytes after the records, `damagedBytes`, when nothing else is wrong).
    public var uncoveredReason: String? {
        switch coverage {
        case .whole, .live: damagedBytes > 0 ? "damaged" : nil
        case .broken: "seal_broken"
        case .notSealed: totalRecords == 0 ? "empty" : "not_sealed"
        case .unsealedTail(afterFinal: true): "after_final_seal"
        case .unsealedTail(afterFinal: false): tail.firstForged != nil && sealsEveryTransition ? "forged_tail" : "unsealed_tail"
        case .endsAtOpenSeal: sealsEveryTransition ? "ends_at_open_seal" : "format_1_no_final_seal"
        case .incompleteBundle: "incomplete_bundle"
        case .unsealedBundle: "unsealed_bundle"
        }
    }

    public var summary: String {
        let rolledBack = rollback.map { "rolled back: seen seal #\($0.seen), this log ends at #\($0.endsAt) (an older copy of plan \(plan)); " } ?? ""
        let hostRolledBack = hostRollback.map {
            "rolled back: the newest bundle seen of \($0.host) is plan \($0.newestPlan)'s, bundled at \(SealReport.iso($0.newestBundledAt)); "
                + "this one (plan \(plan)) was bundled at \(SealReport.iso($0.bundledAt)): an older bundle presented as the host's current one; "
        } ?? ""
        let forked = fork.map {
            "tampered: its seal #\($0.counter) signs another chain head than the seal #\($0.counter) seen before: a fork of the log this home saw "
                + "(cut back to an earlier seal and continued, a second history under the same counters); "
        } ?? ""
        let unrecorded = unrecorded.map {
            "not in the record of seals seen: this log was sealed here, but \($0.record) has no entry for it (the record was removed "
                + "or replaced), so a copy cut back could not be told from the latest; if this copy is the latest, say so with "
                + "`evlog verify FILE --key PUB --accept-rollback`; "
        } ?? ""
        let branched = branch.map {
            "note: another key (\($0.otherKey)) continued this log after its seal #\($0.after); this one continues it differently, "
                + "a branch of its own, checked apart from that one; "
        } ?? ""
        return rolledBack + hostRolledBack + forked + unrecorded + branched + sealSummary
    }

    private var sealSummary: String {
        if let broken {
            return "seal broken: seal \(broken.sealIndex) (record \(broken.atRecord)) fails: \(broken.problem); "
                + "first record not covered: \(broken.firstSuspect) (first broken link: "
                + (broken.firstSuspect < broken.atRecord ? "records \(broken.firstSuspect)–\(broken.atRecord - 1))" : "the seal record itself)")
                + (lastValid.map {
                    expected == nil
                        ? ", the records before carry seals of \($0.fingerprint) (the key was not checked: pass --key PUB to check who sealed them)"
                        : ", the records before were sealed by \($0.fingerprint)"
                } ?? "")
        }
        guard let seal = lastValid else {
            if let writer { return "not sealed yet: process \(writer) is writing the log" }
            guard let expected else { return "not sealed: integrity only" }
            guard totalRecords > 0 else {
                return "holds no record (expected a seal by \(expected)): a writer killed while it created the log leaves it so; nothing ran from it"
            }
            return "not sealed (expected a seal by \(expected)): records 0–\(totalRecords - 1) are not covered"
        }
        let keyNote = expected == nil ? "; the key was not checked (pass --key PUB to check who sealed it)" : ""
        return "sealed by \(signerText(seal)), time \(SealReport.iso(seal.firstTime)) – \(SealReport.iso(seal.lastTime)); \(coverageText(seal))"
            + crashTails.map { "; records \($0.lowerBound)–\($0.upperBound) \(bundle == nil ? Self.crashTailText : Self.bundledTailText)" }.joined()
            + crashTailForgeries.map {
                "; record \($0.record) among them is none a crash leaves (\($0.reason)): appended later, it is not taken as the plan's state"
            }.joined()
            + (headerCovered ? "" : "; header not covered by seal (format 1): its label, creator and creation time are not vouched for")
            + keyNote
    }

    /// What a log continued in its home says of the records its crashed writer left unsealed (the writer lock was free).
    static let crashTailText = "were written after the last seal of a crashed writer (not sealed by it)"
    /// What a bundle says of them: `bundle` cannot always tell a crash from a run still going in the file it copied
    /// (a copy of a running plan's log, whose lock is on the original), so they are in progress, not sealed, and the
    /// plan had not ended; a bundle of a plan that did not end continues nowhere else (integrity16 finding 12).
    static let bundledTailText = "were not sealed by their writer: it crashed, or was still running when the log was copied "
        + "(in progress when bundled, not sealed); the plan had not ended"

    /// Who sealed which records: `web1 (ed25519:…), records 0–N`, then each key that continued the log after
    /// the final seal of the one before (`Handover`).
    private func signerText(_ seal: Seal) -> String {
        let last = "\(seal.host.map { "\($0) (\(seal.fingerprint))" } ?? seal.fingerprint)"
        guard let first = handovers.first else { return "\(last), records 0–\(Int64(seal.records) - 1)" }
        var text = "\(first.from), records 0–\(first.atRecord - 1)"
        for (index, handover) in handovers.enumerated() {
            let end = index + 1 < handovers.count ? Int64(handovers[index + 1].atRecord) - 1 : Int64(seal.records) - 1
            text += ", then by \(handover.to), which continued the log after that key's final seal, records \(handover.atRecord)–\(end)"
        }
        return text
    }

    private func coverageText(_ seal: Seal) -> String {
        let first = totalRecords - tail.records
        let range = "records \(first)–\(totalRecords - 1) (\(tail.description))"
        switch coverage {
        case .whole:
            let info = bundle == nil ? "" : "; bundle_info holds the record count and chain head"
            guard damagedBytes == 0 else {
                return "the last seal is final, but \(damagedBytes) bytes after it are not a valid block (damaged, or appended later): not covered" + info
            }
            return "the last seal is final, nothing after it" + info
        case .live(let writer):
            return tail.records == 0
                ? "nothing after it yet; process \(writer) is still writing"
                : "unsealed tail: \(range) not sealed yet; process \(writer) is still writing"
        case .unsealedTail(afterFinal: true):
            return "first record not covered: \(first): \(range) come after the final seal (appended later: a forged tail)"
        case .unsealedTail(afterFinal: false):
            if let forged = tail.firstForged, sealsEveryTransition {
                return "first record not covered: \(first): \(range) follow the last seal; record \(forged.record) cannot be "
                    + "what a crash left: \(forged.reason) (appended later)"
            }
            return "first record not covered: \(first): \(range) follow the last seal and no writer holds the log: "
                + "it crashed before sealing them (at a crash, the running step's output) or they were appended later"
        case .endsAtOpenSeal where !sealsEveryTransition:
            return "format 1 log: sealed by an evlog older than format 2, whose seals carry no final mark, so its end cannot be "
                + "proven and it cannot be verified with --key; its seals hold for the records they cover (`evlog resume` or `evlog bundle` "
                + "of it ends it with a final format-2 seal)"
        case .endsAtOpenSeal:
            return "the last seal (seal \(seal.counter)) is not final: the file was cut after it, or its writer crashed there (`evlog resume` closes it)"
        case .incompleteBundle(let problem):
            return "not a whole bundle: \(problem)"
        case .unsealedBundle:
            return "the bundle is unsealed: no seal follows its bundle_info (record \(totalRecords - 1), not covered), which follows the "
                + "log's final seal: bundled on a host without a key (`evlog key generate` there, then bundle again), or its final seal was cut off"
        case .broken, .notSealed:
            return ""
        }
    }

    /// A seal's time as `2026-11-30T01:46:43Z` (`UTCTime.iso`).
    static func iso(_ micros: Int64) -> String { UTCTime(microseconds: micros).iso }
}

extension SealReport {
    /// Why a writer must not append to this log (and seal what it finds), or nil when it may
    /// (Docs/FORMAT.md §9.5). Every seal must hold. A writer that seals (with the key `sealingAs`, a
    /// fingerprint) also needs every record covered, except what a crash leaves after a seal that is not
    /// final (`Tail.firstForged`: output and command events of the steps running at that seal, numbered on
    /// from it; any records in a version-1 log, whose writer sealed only every 4,096 events) — and a log
    /// whose last seal is by another key only once that seal is final: one key seals a log until it is closed.
    public func refusalToExtend(sealingAs fingerprint: String?) -> String? {
        if broken != nil { return summary }
        guard let fingerprint, totalRecords > 0 else { return nil }
        guard let seal = lastValid else {
            return "no seal covers its records 0–\(totalRecords - 1): it was written without a key (before `evlog key generate` on this "
                + "host, or on a host without one) or edited with its seals removed, and this host's key seals only what a seal "
                + "vouched for; run the plan again (`evlog install` its tools: the new log is sealed from its start)"
        }
        if seal.fingerprint != fingerprint, !seal.final {
            return "its last seal (seal \(seal.counter)) is by \(seal.fingerprint), not this host's key \(fingerprint), and is not final "
                + "(a crash, or a cut): a log is sealed by one key until it is closed, so only the key that began it can continue it; "
                + "`evlog verify --key` with that key checks what it holds, and the plan can be run again from the start"
        }
        return tailAppendedLater
    }

    /// Why the records after the last seal cannot be what a crash left (they were appended later: after a
    /// final seal, or an event a live writer would have sealed), or nil when there are none or a crash could
    /// have left them. An unsealed log (written without a key) has no such tail.
    public var tailAppendedLater: String? {
        guard let seal = lastValid, tail.records > 0 else { return nil }
        let first = totalRecords - tail.records
        if seal.final { return "records \(first)–\(totalRecords - 1) (\(tail.description)) come after its final seal (a forged tail)" }
        guard let forged = tail.firstForged, sealsEveryTransition else { return nil }
        return "record \(forged.record), after its last seal, cannot be what a crash left: \(forged.reason) (appended later)"
    }

    /// Why content copied from this log must not be sealed by another writer (a reproduction would vouch for it),
    /// or nil: a seal fails, or records after the last seal were appended later. An unsealed log, or a crash's
    /// tail, is no edit.
    public var editFound: String? { broken != nil ? summary : tailAppendedLater }

    /// The records a crashed writer left after its last seal (not final), which a writer continuing the log
    /// seals behind an `unsealed_at_crash` mark; nil when the log does not end so.
    public var crashTail: ClosedRange<UInt64>? {
        guard broken == nil, let seal = lastValid, !seal.final, tail.records > 0 else { return nil }
        return (totalRecords - tail.records)...(totalRecords - 1)
    }
}
