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
    /// The bundle is whole or absent: made beside `output` and renamed.
    public static func write(
        log: String, to output: String, profile: SystemProfile, bundledAt: Timestamp, key: HostKey?,
        admit: (SealReport) throws -> Void = { _ in }
    ) throws {
        var last: Event?
        for event in try PlanLog(path: log).events() { last = event }
        try WholeFile.make(output) { temporary in
            try FileManager.default.copyItem(atPath: log, toPath: temporary)
            defer { try? FileManager.default.removeItem(atPath: LogWriter.lockFilePath(for: temporary)) }
            let writer = try LogWriter.open(path: temporary, label: "", creator: PlanArchive.creator, createdAtMicros: 0)
            let checked = try SealVerifier.prepareToAppend(path: temporary, key: key)
            try admit(checked.report)
            let store: any EventStore
            do {
                store = try SealingEventStore.forLog(writer, checked: checked, sealing: key != nil)
            } catch var refusal as SealTrustError {
                // The refusal is about the log, not the temporary copy that is removed with it.
                refusal.path = log
                throw refusal
            }
            // After the store is made: it may have sealed a crashed writer's tail (behind its mark) first.
            let chain = try chainOf(temporary, header: writer.header)
            try store.append(try infoPayload(after: last, chain: chain, profile: profile, bundledAt: bundledAt), checkpoint: false)
            try store.close()
        }
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
