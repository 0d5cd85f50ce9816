/// A point in time as microseconds since the Unix epoch; every event carries one from the injected clock.
public struct Timestamp: Hashable, Comparable, Codable, Sendable {
    public var microseconds: Int64
    public init(microseconds: Int64) { self.microseconds = microseconds }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.microseconds < rhs.microseconds }

    /// Microseconds from `earlier` to `self` (negative when `earlier` is later).
    public func microseconds(since earlier: Timestamp) -> Int64 { microseconds - earlier.microseconds }

    public func adding(microseconds delta: Int64) -> Timestamp { Timestamp(microseconds: microseconds + delta) }

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
