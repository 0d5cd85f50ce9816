/// Decides whether a line is a warning (which rules ignore unless they opt in) or looks like an error.
enum LineClassifier {
    /// Words that make a line worth keeping as evidence when no rule matches; scanned with the rule needles.
    static let errorKeywords: [String] = [
        "error", "fail", "fatal", "cannot", "can't", "couldn't", "could not", "unable", "denied", "not found",
        "no such", "refused", "timed out", "timeout", "invalid", "abort", "killed", "panic", "exception",
        "traceback", "not permitted", "unsupported", "err!", "segmentation fault", "no space", "broken",
    ]

    /// `warning: …`, `W: …`, `npm warn …`, `gcc: warning: …`, `a.c:3:5: warning: …`, `sha256sum: WARNING: …`.
    static func isWarning(lowercased line: ArraySlice<UInt8>) -> Bool {
        let trimmed = line.drop(while: { $0 == 32 || $0 == 9 })
        for prefix in warningPrefixes where trimmed.starts(with: prefix) { return true }
        // `<word>: warning…` where <word> has no spaces: a program name, or gcc's `file.c:3:5`.
        let head = Array(trimmed.prefix(96))
        let marker = warnMarker
        var start = 1
        while start + marker.count <= head.count {
            if head[start..<(start + marker.count)].elementsEqual(marker) { return !head[0..<start].contains(32) }
            start += 1
        }
        return false
    }

    private static let warnMarker = Array(": warn".utf8)
    private static let errorPrefixes = [Array("e: ".utf8), Array("err:".utf8)]

    private static let warningPrefixes: [[UInt8]] = [
        "warning:", "warning ", "warn:", "w: ", "npm warn", "npm warning", "yarn warn", "deprecation", "note:",
        "hint:",
    ].map { Array($0.utf8) }

    /// apt's `E: …` and `Err:…` lines are errors even without an error word.
    static func hasErrorPrefix(lowercased line: ArraySlice<UInt8>) -> Bool {
        let trimmed = line.drop(while: { $0 == 32 || $0 == 9 })
        return errorPrefixes.contains { trimmed.starts(with: $0) }
    }
}
