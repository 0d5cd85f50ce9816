/// Human durations: `850ms`, `12.3s`, `4m05s`, `1h02m`.
public enum DurationFormat {
    public static func describe(microseconds: Int64) -> String {
        let milliseconds = max(0, microseconds) / 1000
        if milliseconds < 1000 { return "\(milliseconds)ms" }
        let tenths = milliseconds / 100
        if tenths < 600 { return "\(tenths / 10).\(tenths % 10)s" }
        let seconds = milliseconds / 1000
        if seconds < 3600 { return "\(seconds / 60)m" + pad(seconds % 60) + "s" }
        return "\(seconds / 3600)h" + pad((seconds / 60) % 60) + "m"
    }

    private static func pad(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
