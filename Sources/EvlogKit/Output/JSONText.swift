import Foundation
import Rendering

/// A JSON value for command output that is not an event (list rows, status, verdicts).
public enum JSONValue: Encodable {
    case string(String), number(Double), bool(Bool), null
    case array([JSONValue]), object([String: JSONValue])

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .number(let value):
            if value.rounded() == value, abs(value) < 1e15 { try container.encode(Int64(value)) } else { try container.encode(value) }
        case .bool(let value): try container.encode(value)
        case .null: try container.encodeNil()
        case .array(let values): try container.encode(values)
        case .object(let values): try container.encode(values)
        }
    }
}

/// One-line JSON with sorted keys, and string quoting for hand-assembled lines.
public enum JSONText {
    public static func quoted(_ text: String) -> String {
        (try? encode(text)) ?? "\"\""
    }

    /// One line of JSON, written by `JSONOutput` (acting scalars escaped).
    public static func encode(_ value: some Encodable) throws -> String { try JSONOutput.encode(value) }

    /// `json` with its acting scalars escaped (`JSONOutput`).
    public static func escapingActiveControls(_ json: String) -> String { JSONOutput.escapingActiveControls(json) }
}

/// Ages for people: `3s ago`, `5m ago`, `2h ago`, `4d ago`.
public enum DurationText {
    public static func age(microseconds: Int64) -> String {
        let seconds = max(0, microseconds / 1_000_000)
        if seconds < 60 { return "\(seconds)s ago" }
        if seconds < 3600 { return "\(seconds / 60)m ago" }
        if seconds < 86400 { return "\(seconds / 3600)h ago" }
        return "\(seconds / 86400)d ago"
    }
}
