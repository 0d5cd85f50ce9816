/// Arithmetic on times, durations and counts that holds at the ends of the type instead of trapping: they come
/// from the log, which is input (FORMAT.md §7.7), so `Int64.max - Int64.min`, or one more output byte after a
/// checkpoint that counts `Int64.max`, must not end the program.
extension FixedWidthInteger where Self: SignedInteger {
    /// `self - other`, or `.max`/`.min` where the difference does not fit.
    public func minusSaturating(_ other: Self) -> Self {
        let (difference, overflow) = subtractingReportingOverflow(other)
        guard overflow else { return difference }
        return other < 0 ? .max : .min
    }

    /// `self + other`, or `.max`/`.min` where the sum does not fit.
    public func plusSaturating(_ other: Self) -> Self {
        let (sum, overflow) = addingReportingOverflow(other)
        guard overflow else { return sum }
        return other < 0 ? .min : .max
    }
}
