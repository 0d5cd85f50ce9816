/// A moment as UTC calendar fields, and the three ways evlog writes one: `text` for people
/// (`2026-12-06 22:50:01 UTC`), `iso` for records and seals (`2026-12-06T22:50:01Z`) and `compact` for file
/// names (`20261206T225001Z`). Every UTC time evlog prints comes from here.
///
/// Whole seconds, rounded down (before 1970 too); the proleptic Gregorian calendar. No I/O, no locale, no
/// time-zone database: the same text on every host.
public struct UTCTime: Hashable, Sendable {
    public let year: Int64
    /// 1…12.
    public let month: Int64
    /// 1…31.
    public let day: Int64
    /// 0…23.
    public let hour: Int64
    /// 0…59.
    public let minute: Int64
    /// 0…59.
    public let second: Int64

    /// The calendar fields of `microseconds` since the Unix epoch. Saturates instead of trapping at the ends
    /// of `Int64` (times come from logs, which are input).
    public init(microseconds: Int64) {
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
        day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        hour = secondOfDay / 3600
        minute = secondOfDay / 60 % 60
        second = secondOfDay % 60
    }

    /// `2026-12-06 22:50:01 UTC`: what a person reads (`status`, `what-failed`).
    public var text: String { "\(year)-\(two(month))-\(two(day)) \(two(hour)):\(two(minute)):\(two(second)) UTC" }

    /// `2026-12-06T22:50:01Z` (ISO 8601, four-digit year): seal and event times in `verify`.
    public var iso: String { "\(four(year))-\(two(month))-\(two(day))T\(two(hour)):\(two(minute)):\(two(second))Z" }

    /// `20261206T225001Z`: a time inside a file name (`<log>.damaged-<UTC time>`), sortable and free of `:`.
    public var compact: String { "\(four(year))\(two(month))\(two(day))T\(two(hour))\(two(minute))\(two(second))Z" }

    private func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// At least four digits, as `%04d` writes a year (`0999`, `-001`).
    private func four(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        let sign = value < 0 ? "-" : ""
        return sign + String(repeating: "0", count: max(0, 4 - sign.count - digits.count)) + digits
    }
}

extension Int64 {
    /// The quotient rounded towards minus infinity (`-1 / 86400` is -1 here, 0 with `/`); saturates at `.min / -1`.
    fileprivate func dividedRoundingDown(by divisor: Int64) -> Int64 {
        let (quotient, overflow) = dividedReportingOverflow(by: divisor)
        if overflow { return .max }
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
