import CivilTime

/// A point in time as microseconds since the Unix epoch; every event carries one from the injected clock.
public struct Timestamp: Hashable, Comparable, Codable, Sendable {
    public var microseconds: Int64
    public init(microseconds: Int64) { self.microseconds = microseconds }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.microseconds < rhs.microseconds }

    /// Microseconds from `earlier` to `self` (negative when `earlier` is later).
    ///
    /// Saturates instead of trapping: timestamps come from the log, which is input.
    public func microseconds(since earlier: Timestamp) -> Int64 {
        let (difference, overflow) = microseconds.subtractingReportingOverflow(earlier.microseconds)
        guard overflow else { return difference }
        return earlier.microseconds < 0 ? .max : .min
    }

    /// Saturates at the ends of `Int64` instead of trapping.
    public func adding(microseconds delta: Int64) -> Timestamp {
        let (sum, overflow) = microseconds.addingReportingOverflow(delta)
        guard overflow else { return Timestamp(microseconds: sum) }
        return Timestamp(microseconds: delta < 0 ? .min : .max)
    }

    /// `2026-12-06 22:50:01 UTC` (`UTCTime.text`: whole seconds, rounded down).
    public var utcText: String { UTCTime(microseconds: microseconds).text }

    public init(from decoder: any Decoder) throws {
        microseconds = try decoder.singleValueContainer().decode(Int64.self)
    }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(microseconds)
    }
}

/// Where time comes from. The real clock reads the system; the simulator's is virtual.
///
/// Contract: `now()` never goes backwards between two calls on the same clock.
public protocol EventClock: Sendable {
    func now() -> Timestamp
}
