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

    /// `2026-12-06 22:50:01 UTC` (the proleptic Gregorian calendar; whole seconds, rounded down).
    public var utcText: String {
        let seconds = microseconds.dividedRoundingDown(by: 1_000_000)
        let days = seconds.dividedRoundingDown(by: 86_400)
        let secondOfDay = seconds - days * 86_400
        // Howard Hinnant's days-to-civil: eras of 400 years from 0000-03-01.
        let shifted = days + 719_468
        let era = shifted.dividedRoundingDown(by: 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(two(month))-\(two(day)) \(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60)) UTC"
    }

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

extension Int64 {
    /// The quotient rounded towards minus infinity (`-1 / 86400` is -1 here, 0 with `/`); saturates at `.min / -1`.
    fileprivate func dividedRoundingDown(by divisor: Int64) -> Int64 {
        let (quotient, overflow) = dividedReportingOverflow(by: divisor)
        if overflow { return .max }
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
