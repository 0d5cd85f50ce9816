/// Decides whether a line is a warning (which rules ignore unless they opt in) or looks like an error.
enum LineClassifier {
    /// Words that make a line worth keeping as evidence when no rule matches; scanned with the rule needles.
    static let errorKeywords: [String] = [
        "error", "fail", "fatal", "cannot", "can't", "couldn't", "could not", "unable", "denied", "not found",
        "no such", "refused", "timed out", "timeout", "invalid", "abort", "killed", "panic", "exception",
        "traceback", "not permitted", "unsupported", "err!", "segmentation fault", "no space", "broken",
    ]

    /// `warning: …`, `W: …`, `npm warn …`, `gcc: warning: …`, `a.c:3:5: warning: …`, `sha256sum: WARNING: …`
    /// (ASCII case ignored).
    static func isWarning(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = firstNonBlank(line)
        for prefix in warningPrefixes where hasPrefix(line, from: start, prefix) { return true }
        // `<word>: warning…` where <word> has no spaces: a program name, or gcc's `file.c:3:5`.
        let end = min(line.count, start + 96)
        var index = start + 1
        while index + warnMarker.count <= end {
            if line[index - 1] == 32 { return false }
            if hasPrefix(line, from: index, warnMarker) { return true }
            index += 1
        }
        return false
    }

    /// Whether `line[from...]` starts with `prefix` (lowercase), ASCII case ignored.
    private static func hasPrefix(_ line: UnsafeBufferPointer<UInt8>, from start: Int, _ prefix: [UInt8]) -> Bool {
        guard line.count - start >= prefix.count else { return false }
        for (offset, expected) in prefix.enumerated() {
            let byte = line[start + offset]
            if (byte >= 65 && byte <= 90 ? byte + 32 : byte) != expected { return false }
        }
        return true
    }

    private static func firstNonBlank(_ line: UnsafeBufferPointer<UInt8>) -> Int {
        var index = 0
        while index < line.count, line[index] == 32 || line[index] == 9 { index += 1 }
        return index
    }

    private static let warnMarker = Array(": warn".utf8)
    private static let errorPrefixes = [Array("e: ".utf8), Array("err:".utf8)]

    private static let warningPrefixes: [[UInt8]] = [
        "warning:", "warning ", "warn:", "w: ", "npm warn", "npm warning", "yarn warn", "deprecation", "note:",
        "hint:",
    ].map { Array($0.utf8) }

    /// apt's `E: …` and `Err:…` lines are errors even without an error word (ASCII case ignored).
    static func hasErrorPrefix(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = firstNonBlank(line)
        // Most lines start with neither letter: decided without touching the prefix arrays.
        guard start < line.count, line[start] | 0x20 == UInt8(ascii: "e") else { return false }
        return errorPrefixes.contains { hasPrefix(line, from: start, $0) }
    }
}
