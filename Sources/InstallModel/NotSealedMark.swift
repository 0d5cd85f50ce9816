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
    /// The reasons an export writes: why the seals of its log do not cover the event (`SealReport.uncoveredReason`,
    /// also with the key `--key` names: a log not sealed, or cut, or a bundle not whole), or why the home whose
    /// `plans/` holds it does not vouch for it (`HomeVouching.Distrust.word`).
    public static let reasons: Set<String> = [
        "after_final_seal", "forged_tail", "unsealed_tail", "seal_broken", "not_sealed", "ends_at_open_seal", "format_1_no_final_seal",
        "incomplete_bundle", "unsealed_bundle", "damaged", "another_key", "unrecorded", "not_written_here", "unsealed_at_crash", keptApart,
    ]

    /// `line` (one JSON object, as `EventJSON.line` writes it) with the field `"not_sealed": why` added last.
    public static func marking(_ line: String, why: String) -> String {
        guard line.hasSuffix("}") else { return line }
        return line.dropLast() + ",\"\(key)\":\"\(why)\"}"
    }

    /// The reason a JSONL line marks its event with (nil when it carries no mark), or what is wrong with it. Read from
    /// the line's top-level members by their structure (`JSONSpans`): no map of the whole line is built, so a large
    /// `plan_created` costs no more here than its decoding by steps (`PlanCreatedDecoding`). A mark given twice, or whose
    /// value is not one of `reasons` (a number, `null`, another string), is an error, never read as no mark.
    public static func reason(ofLine line: Data) -> Result<String?, MarkError> {
        line.withUnsafeBytes { bytes in
            let spans = JSONSpans(bytes: bytes)
            guard let members = spans.members(ofObjectAt: spans.skippingWhitespace(0)) else { return .success(nil) }
            let marks = members.filter { Self.text(of: $0.key, in: bytes, quoted: false) == key }
            guard let mark = marks.first else { return .success(nil) }
            guard marks.count == 1 else { return .failure(.repeated) }
            guard let why = Self.text(of: mark.value, in: bytes, quoted: true), reasons.contains(why) else {
                return .failure(.notAReason(String(decoding: bytes[mark.value].prefix(40), as: UTF8.self)))
            }
            return .success(why)
        }
    }

    /// The string a key (`quoted` false: the bytes between its quotes) or a value (`quoted`: a JSON string, quotes
    /// included) holds; nil for a value that is not a string. Only text with an escape goes through `JSONDecoder`.
    private static func text(of range: Range<Int>, in bytes: UnsafeRawBufferPointer, quoted: Bool) -> String? {
        let raw = bytes[range]
        if quoted, raw.first != UInt8(ascii: "\"") { return nil }
        guard raw.contains(UInt8(ascii: "\\")) else {
            return String(decoding: quoted ? raw.dropFirst().dropLast() : raw[...], as: UTF8.self)
        }
        let literal = quoted ? Data(raw) : Data([UInt8(ascii: "\"")] + raw + [UInt8(ascii: "\"")])
        return try? JSONDecoder().decode(String.self, from: literal)
    }

    /// What is wrong with a line's `not_sealed` mark.
    public enum MarkError: Error, Equatable {
        /// Its value (as written, at most 40 bytes) is no reason an export writes.
        case notAReason(String)
        /// The line names `not_sealed` more than once.
        case repeated
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
