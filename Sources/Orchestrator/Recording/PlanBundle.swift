import EventLog
import Foundation
import InstallModel
import Sealing

/// A host bundle (`.evb`, Docs/FORMAT.md §9.4): a copy of a plan's log with one `bundle_info` record
/// appended (evlog version, the host's profile, when it was bundled, the record count and chain head it
/// follows) and, when the host has a key, a final seal. Every command that reads a log reads a bundle.
public enum PlanBundle {
    public static let infoType = SealReport.bundleInfoType

    /// Copies the log at `log` to `output` (replacing it), appends the bundle record and seals with
    /// `key`, after checking the log's seals (with `key`): an edited log, or one with records no seal
    /// covers, is refused, and `admit` may refuse it too from what its seals prove (a copy older than one seen).
    /// The bundle is whole or absent: made beside `output` and renamed. A log a writer holds (its plan is
    /// running) or one holding no plan throws `PlanBundleRefusal`; the log is held against writers while it is
    /// read (`ReaderHold`), so none starts meanwhile; so is a copy of a plan whose own log a writer holds now, in the
    /// home its plan names or in one of `homes` (`PlanLog.runningOriginal`).
    ///
    /// A log this evlog's secret policy would redact more of (an older evlog recorded it, `EventScrubber`)
    /// is not copied: its records are written again, redacted, without its seals (they sign the bytes it
    /// had), and sealed with `key` as they are written.
    public static func write(
        log: String, to output: String, profile: SystemProfile, bundledAt: Timestamp, key: HostKey?, homes: [String] = [],
        admit: (SealReport) throws -> Void = { _ in }
    ) throws {
        guard let hold = try ReaderHold.take(logAt: log) else {
            throw PlanBundleRefusal.running(plan: PlanLog(path: log).id.rawValue, pid: LogWriterProbe.writer(ofLogAt: log))
        }
        defer { hold.release() }
        if let original = PlanLog(path: log).runningOriginal(homes: homes) {
            throw PlanBundleRefusal.copyOfRunning(plan: PlanLog(path: original.path).id.rawValue, original: original.path, pid: original.pid)
        }
        var first: Event?
        var last: Event?
        for event in try PlanLog(path: log).events() {
            if first == nil { first = event }
            last = event
        }
        guard case .planCreated? = first?.body else { throw PlanBundleRefusal.holdsNoPlan(path: log, reason: PlanLog(path: log).noPlanReason) }
        let redacting = try holdsWhatPolicyRedacts(log)
        try WholeFile.make(output) { temporary in
            defer { try? FileManager.default.removeItem(atPath: LogWriter.lockFilePath(for: temporary)) }
            let (writer, store) = redacting
                ? try writeRedacted(log, to: temporary, key: key, admit: admit) : try copy(hold, of: log, to: temporary, key: key, admit: admit)
            // After the store is made: it may have sealed a crashed writer's tail (behind its mark) first.
            let chain = try chainOf(temporary, header: writer.header)
            try store.append(try infoPayload(after: last, chain: chain, profile: profile, bundledAt: bundledAt), checkpoint: false)
            try store.close()
        }
    }

    /// The log at `log` copied to `temporary` through the descriptor `hold` checked and locked, opened to append
    /// to, and the store that seals it with `key`, once its seals are checked and `admit` let it through.
    private static func copy(
        _ hold: ReaderHold, of log: String, to temporary: String, key: HostKey?, admit: (SealReport) throws -> Void
    ) throws -> (LogWriter, any EventStore) {
        guard try hold.copyLog(to: temporary) else { throw PlanBundleRefusal.replaced(path: log) }
        let writer = try LogWriter.open(path: temporary, label: "", creator: PlanArchive.creator, createdAtMicros: 0)
        let checked = try SealVerifier.prepareToAppend(path: temporary, key: key)
        try admit(checked.report)
        do {
            return (writer, try SealingEventStore.forLog(writer, checked: checked, sealing: key != nil))
        } catch var refusal as SealTrustError {
            // The refusal is about the log, not the temporary copy that is removed with it.
            refusal.path = log
            throw refusal
        }
    }

    /// Whether a record of the log at `path` changes when read through this evlog's secret policy.
    static func holdsWhatPolicyRedacts(_ path: String) throws -> Bool {
        let reader = try LogReader(path: path)
        guard EventScrubber.isNeeded(for: reader.header) else { return false }
        var scrubber = EventScrubber()
        var changes = false
        try reader.forEachRecord { _, _, payload in
            if !changes, scrubber.redactedPayload(stored: payload) != nil { changes = true }
        }
        return changes
    }

    /// The events of the log at `log` written at `temporary`, redacted, and the store that seals them
    /// with `key` as they are written: the records that are no events (seals, a crash mark, an earlier
    /// bundle record) are left out, and the log's seals are checked first, as `copy` checks them.
    private static func writeRedacted(
        _ log: String, to temporary: String, key: HostKey?, admit: (SealReport) throws -> Void
    ) throws -> (LogWriter, any EventStore) {
        let checked = try SealVerifier.prepareToAppend(path: log, key: key)
        try admit(checked.report)
        if let refusal = checked.report.refusalToExtend(sealingAs: key?.publicKey.fingerprint) { throw SealTrustError(path: log, reason: refusal) }
        let reader = try LogReader(path: log)
        let writer = try LogWriter.open(
            path: temporary, label: reader.header.label, creator: PlanArchive.creator, createdAtMicros: reader.header.createdAtMicros,
            mayHoldEventParts: reader.header.mayHoldEventParts)
        let store = try SealingEventStore.forLog(writer, key: key)
        var scrubber = EventScrubber()
        var failure: (any Error)?
        try reader.forEachRecord { _, isCheckpoint, payload in
            guard failure == nil else { return }
            if case .unknown(let type)? = (try? EventPayload.decode(payload))?.body, PlanLog.recordTypesBesideEvents.contains(type) { return }
            do {
                try store.append(scrubber.redactedPayload(stored: payload) ?? Array(payload), checkpoint: isCheckpoint)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        try store.sync()
        return (writer, store)
    }

    /// The hash chain over the header and records of the log at `path`.
    static func chainOf(_ path: String, header: LogHeader) throws -> HashChain {
        var chain = try HashChain(header: header)
        try LogReader(path: path).forEachRecord { _, _, payload in chain.append(payload) }
        return chain
    }

    /// Tag `0x01` and a JSON event with sorted keys; `seq` and `time` repeat the last event's, like a
    /// seal; `records` and `chain_head` are those of the records before it.
    static func infoPayload(after last: Event?, chain: HashChain, profile: SystemProfile, bundledAt: Timestamp) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let profileObject = try JSONSerialization.jsonObject(with: try encoder.encode(profile))
        let object: [String: Any] = [
            "v": 1, "type": infoType, "seq": last?.sequence ?? 0, "time": last?.time.microseconds ?? bundledAt.microseconds,
            "evlog_version": PlanArchive.creator, "host_profile": profileObject, "bundled_at": bundledAt.microseconds,
            "records": chain.count, "chain_head": chain.headHex,
        ]
        return [EventPayload.jsonTag] + Array(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
    }
}
