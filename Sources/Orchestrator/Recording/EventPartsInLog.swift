import EventLog
import InstallModel

/// Event parts (FORMAT.md §7.9) go only into a log whose header names the version that has them
/// (`LogHeader.mayHoldEventParts`), so that an evlog from before parts refuses the log as written by a newer
/// evlog rather than reading one whose plan it cannot see. A log is created so when its plan may need them
/// (`mayBeNeeded`); an event that needs parts in a log created without them is refused (`EventNeedsParts`).
extension EventParts {
    /// The records that store `payload`, the encoding of `event` (`records(_:of:recordBytesMax:)`), in a log
    /// that may (`partsAllowed`) or may not hold event parts.
    public static func records(
        _ payload: [UInt8], of event: Event, partsAllowed: Bool
    ) throws(EventNeedsParts) -> LazyMapCollection<Range<Int>, [UInt8]> {
        let records = records(payload, of: event, recordBytesMax: LogFormat.recordBytesMax)
        guard records.count <= countMax else {
            throw EventNeedsParts(sequence: event.sequence, type: event.body.typeName, payloadBytes: payload.count, partsAllowed: true)
        }
        guard records.count == 1 || partsAllowed else {
            throw EventNeedsParts(sequence: event.sequence, type: event.body.typeName, payloadBytes: payload.count, partsAllowed: false)
        }
        return records
    }

    /// Whether the log of `plan` is created to hold event parts: its `plan_created`, or a checkpoint (the plan and
    /// each step's state, `stepStateBytesTypical`), is larger than half a record. Half, not all: what is stored is
    /// the event after the secret policy (a redaction changes its size a little), and the steps a remediation adds
    /// later make a larger plan.
    public static func mayBeNeeded(for plan: Plan) -> Bool { mayBeNeeded(planBytes: planBytes(plan), steps: plan.steps.count) }

    /// As `mayBeNeeded(for:)`, for a plan of `steps` steps whose `plan_created` payload is `planBytes` long.
    static func mayBeNeeded(planBytes: Int, steps: Int) -> Bool {
        planBytes + steps * stepStateBytesTypical > LogFormat.recordBytesMax / 2
    }

    /// About what a step's state takes in a checkpoint once it ran (its times, exit code, output counts: some 250
    /// bytes as JSON), twice over for a failure's reason, a diagnosis or a rollback.
    static let stepStateBytesTypical = 512

    /// The size of the `plan_created` payload that records `plan`.
    static func planBytes(_ plan: Plan) -> Int {
        let created = Event(sequence: 0, time: Timestamp(microseconds: 0), body: .planCreated(plan))
        return (try? EventPayload.encode(created).count) ?? 0
    }

    /// The most bytes one event's payload may take: `countMax` parts of `pieceBytes` (FORMAT.md §7.9). A reader
    /// refuses more, so a writer never stores it.
    public static let payloadBytesMax = countMax * pieceBytes
}

/// A plan whose `plan_created` is larger than one event may be (`EventParts.payloadBytesMax`, FORMAT.md §7.9):
/// its log is not created, since no reader could read the plan back.
public struct PlanTooLarge: Error, CustomStringConvertible {
    public var steps: Int
    public var payloadBytes: Int

    public var description: String {
        "the plan of \(steps) steps is \(payloadBytes) bytes as JSON, more than the \(EventParts.payloadBytesMax) bytes a plan may take in a log "
            + "(FORMAT.md §7.9); split it into several plans (fewer tools or steps each); nothing was created"
    }
}

/// An event larger than a record, bound for a log whose header predates event parts, or larger than all the parts
/// one event may have (FORMAT.md §7.9): it is not stored, rather than stored as parts no reader would join.
public struct EventNeedsParts: Error, CustomStringConvertible {
    public var sequence: UInt64
    public var type: String
    public var payloadBytes: Int
    /// Whether the log may hold parts: then the event is larger than all the parts one event may have.
    public var partsAllowed: Bool

    public var description: String {
        let why = partsAllowed
            ? "more than the \(EventParts.payloadBytesMax) bytes one event may take in parts"
            : "more than the \(LogFormat.recordBytesMax)-byte record limit, and this log was created in a format without event parts"
        return "event \(sequence) (\(type)) is \(payloadBytes) bytes, \(why) (FORMAT.md §7.9); nothing was recorded past it"
    }
}
