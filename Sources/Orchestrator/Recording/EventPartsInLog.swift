import EventLog
import InstallModel

/// Event parts (FORMAT.md §7.9) go only into a log whose header names the version that has them
/// (`LogHeader.mayHoldEventParts`), so that an evlog from before parts refuses the log as written by a newer
/// evlog rather than reading one whose plan it cannot see. A log is created so when its plan may need them
/// (`mayBeNeeded`); an event that needs parts in a log created without them is refused (`EventNeedsParts`).
extension EventParts {
    /// The records that store `payload`, the encoding of `event` (`records(_:of:recordBytesMax:)`), in a log
    /// that may (`partsAllowed`) or may not hold event parts.
    public static func records(_ payload: [UInt8], of event: Event, partsAllowed: Bool) throws(EventNeedsParts) -> [[UInt8]] {
        let records = records(payload, of: event, recordBytesMax: LogFormat.recordBytesMax)
        guard records.count == 1 || partsAllowed else {
            throw EventNeedsParts(sequence: event.sequence, type: event.body.typeName, payloadBytes: payload.count)
        }
        return records
    }

    /// Whether the log of `plan` is created to hold event parts: its `plan_created` is larger than half a
    /// record. Half, not all: what is stored is the event after the secret policy (a redaction changes its
    /// size a little), and the steps a remediation adds later make a larger plan.
    public static func mayBeNeeded(for plan: Plan) -> Bool {
        let created = Event(sequence: 0, time: Timestamp(microseconds: 0), body: .planCreated(plan))
        return ((try? EventPayload.encode(created).count) ?? 0) > LogFormat.recordBytesMax / 2
    }
}

/// An event larger than a record, bound for a log whose header predates event parts (FORMAT.md §7.9): it is
/// not stored, rather than stored as parts that log's readers would not know.
public struct EventNeedsParts: Error, CustomStringConvertible {
    public var sequence: UInt64
    public var type: String
    public var payloadBytes: Int

    public var description: String {
        "event \(sequence) (\(type)) is \(payloadBytes) bytes, more than the \(LogFormat.recordBytesMax)-byte record limit, and this log was created in a format without event parts (FORMAT.md §7.9); nothing was recorded past it"
    }
}
