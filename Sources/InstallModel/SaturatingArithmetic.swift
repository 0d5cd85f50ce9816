/// Arithmetic on times and durations that holds at the ends of `Int64` instead of trapping: they come
/// from the log, which is input (FORMAT.md §7.7), so `Int64.max - Int64.min` must not end the program.
extension Int64 {
    /// `self - other`, or `.max`/`.min` where the difference does not fit.
    public func minusSaturating(_ other: Int64) -> Int64 {
        let (difference, overflow) = subtractingReportingOverflow(other)
        guard overflow else { return difference }
        return other < 0 ? .max : .min
    }

    /// `self + other`, or `.max`/`.min` where the sum does not fit.
    public func plusSaturating(_ other: Int64) -> Int64 {
        let (sum, overflow) = addingReportingOverflow(other)
        guard overflow else { return sum }
        return other < 0 ? .min : .max
    }
}
