import EvlogKit
import InstallModel
import Rendering
import Simulator

/// What `evlog reproduce` found, as the text and the JSON it prints: every transition and output
/// matched (how many), or the first difference. Text from the logs is neutralised (`NeutralText`),
/// so a log cannot act on the terminal that reads the report.
struct ReproductionVerdict {
    let outline: ReproductionOutline
    /// Events compared, when everything matched.
    let compared: Int?
    let difference: LogComparison.Difference?
    /// The reproduction's log, when it is kept (not `--check`).
    let log: String?
    /// What damages the original's end, when it is torn: only the part before it was compared (repro20 #7).
    let damage: String?

    /// The original's last session stops without an end (its process died, or the log was cut): the
    /// reproduction stopped there too, so what the original never recorded is not compared.
    var endedOpen: Bool { outline.sessions.last?.end == .crashed }

    var lines: [String] {
        var lines: [String]
        if let difference {
            lines = difference.lines { "\(shown: $0)" }
        } else {
            let sessions = outline.sessions.count
            lines = [
                "reproduced \(shown: outline.plan.id) (\(sessions) session\(sessions == 1 ? "" : "s")): \(compared ?? 0) transitions and outputs match the original (ids and times aside)"
            ]
            if endedOpen {
                lines.append("note: the original's last session stops without an end (its process died, or the log was cut), so it is reproduced up to there")
            }
        }
        if let damage { lines.append("not a whole match: \(shown: damage); only the part before the damage was compared") }
        if let log { lines.append((difference == nil ? "log: " : "reproduction's log: ") + log) }
        return lines
    }

    /// The JSON line of a log that cannot be reproduced (its plan not read), with why.
    static func refusal(_ reason: String) -> JSONValue {
        .object(["plan": .null, "matches": .bool(false), "error": .string(reason)])
    }

    var json: JSONValue {
        var fields: [String: JSONValue] = [
            "plan": .string(outline.plan.id.rawValue), "matches": .bool(difference == nil),
            "sessions": .number(Double(outline.sessions.count)), "ended_open": .bool(endedOpen),
            "log": log.map(JSONValue.string) ?? .null, "damaged": damage.map(JSONValue.string) ?? .null,
        ]
        if let compared { fields["compared"] = .number(Double(compared)) }
        if let difference {
            fields["difference"] = .object([
                "sequence": difference.sequence.map { .number(Double($0)) } ?? .null,
                "context": .array(difference.context.map(JSONValue.string)),
                "original": .string(difference.original), "reproduction": .string(difference.reproduced),
                "hint": difference.hint.map(JSONValue.string) ?? .null,
            ])
        }
        return .object(fields)
    }
}
