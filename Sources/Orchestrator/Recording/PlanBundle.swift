import EventLog
import Foundation
import InstallModel
import Sealing

/// A host bundle (`.evb`, Docs/FORMAT.md §9.4): a copy of a plan's log with one `bundle_info` record
/// appended (evlog version, the host's profile, when it was bundled) and, when the host has a key,
/// sealed again. Every command that reads a log reads a bundle.
public enum PlanBundle {
    public static let infoType = "bundle_info"

    /// Copies the log at `log` to `output` (replacing it), appends the bundle record and seals with `key`.
    public static func write(log: String, to output: String, profile: SystemProfile, bundledAt: Timestamp, key: HostKey?) throws {
        var last: Event?
        for event in try PlanLog(path: log).events() { last = event }
        if FileManager.default.fileExists(atPath: output) { try FileManager.default.removeItem(atPath: output) }
        try FileManager.default.copyItem(atPath: log, toPath: output)
        let writer = try LogWriter.open(path: output, label: "", creator: PlanArchive.creator, createdAtMicros: 0)
        let store = try SealingEventStore.forLog(writer, key: key)
        try store.append(try infoPayload(after: last, profile: profile, bundledAt: bundledAt), checkpoint: false)
        try store.close()
    }

    /// Tag `0x01` and a JSON event with sorted keys; `seq` and `time` repeat the last event's, like a seal.
    static func infoPayload(after last: Event?, profile: SystemProfile, bundledAt: Timestamp) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let profileObject = try JSONSerialization.jsonObject(with: try encoder.encode(profile))
        let object: [String: Any] = [
            "v": 1, "type": infoType, "seq": last?.sequence ?? 0, "time": last?.time.microseconds ?? bundledAt.microseconds,
            "evlog_version": PlanArchive.creator, "host_profile": profileObject, "bundled_at": bundledAt.microseconds,
        ]
        return [EventPayload.jsonTag] + Array(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
    }
}
