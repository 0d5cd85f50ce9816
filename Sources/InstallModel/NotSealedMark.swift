import Foundation

/// How an event no seal of its log covers travels through a JSONL export and an import (integrity18 #2): the export
/// marks its line with `"not_sealed": <why>`, and `evlog import` keeps the event apart, in a record of type
/// `not_sealed` holding the event and why, which the fold and every reader pass over as an event type they do not
/// know. The imported log is not sealed (a seal signs the exact bytes of its log), so a forged tail must not come out
/// of an import as the plan's plain history.
public enum NotSealedMark {
    /// The field an exported line carries, and the type of the record an import keeps such an event in.
    public static let key = "not_sealed"
    /// What a record kept apart by an import says when it is exported again (its event is not read back).
    public static let keptApart = "kept_apart"
    /// The reasons an export writes: why the seals of its log do not cover the event (`SealReport.uncoveredReason`).
    public static let reasons: Set<String> = ["after_final_seal", "forged_tail", "unsealed_tail", "seal_broken", keptApart]

    /// `line` (one JSON object, as `EventJSON.line` writes it) with the field `"not_sealed": why` added last.
    public static func marking(_ line: String, why: String) -> String {
        guard line.hasSuffix("}") else { return line }
        return line.dropLast() + ",\"\(key)\":\"\(why)\"}"
    }

    /// The reason a JSONL line marks its event with (nil when it carries no mark), or what is wrong with it.
    public static func reason(ofLine line: Data) -> Result<String?, MarkError> {
        guard let fields = try? JSONDecoder().decode(Fields.self, from: line) else { return .success(nil) }
        guard let why = fields.why else { return .success(nil) }
        return reasons.contains(why) ? .success(why) : .failure(MarkError(value: String(why.prefix(40))))
    }

    /// A `not_sealed` value that is no reason an export writes.
    public struct MarkError: Error, Equatable {
        public let value: String
    }

    private struct Fields: Decodable {
        let why: String?
        enum CodingKeys: String, CodingKey { case why = "not_sealed" }
    }

    /// The record (JSON tag and object) that keeps `event` apart, marked `why`: its own number and time, so the log's
    /// sequence stays in order.
    public static func record(keeping event: Event, why: String) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return [EventPayload.jsonTag] + Array(try encoder.encode(Kept(seq: event.sequence, time: event.time, why: why, event: event)))
    }

    private struct Kept: Encodable {
        let v = EventPayload.version
        let seq: UInt64
        let time: Timestamp
        let type = NotSealedMark.key
        let why: String
        let event: Event
    }

    /// Whether `event` is a record an import kept apart.
    public static func isKeptApart(_ event: Event) -> Bool {
        if case .unknown(key) = event.body { return true }
        return false
    }
}
