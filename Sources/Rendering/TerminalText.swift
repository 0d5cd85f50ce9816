/// Small text helpers for the terminal view: ANSI cursor movement and cutting a line to a width.
enum TerminalText {
    /// Moves the cursor up `lines` lines to column 0 and clears from there to the end of the screen.
    static func erase(lines: Int) -> String {
        guard lines > 0 else { return "" }
        return "\r\u{1B}[\(lines)A\u{1B}[J"
    }

    /// `text` cut to at most `columns` characters, with `…` marking the cut.
    ///
    /// Counts characters, not terminal cells: a wide character may take two cells, which is why the
    /// live view keeps a column of margin.
    static func fit(_ text: String, columns: Int) -> String {
        guard columns > 1, text.count > columns else { return text }
        return String(text.prefix(columns - 1)) + "…"
    }

    static let spinnerFrames = Array("⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏")
    /// The spinner moves one frame per this many microseconds of event time.
    static let spinnerFrameMicros: Int64 = 100_000

    static func spinner(elapsedMicros: Int64) -> Character {
        let frame = Int((max(0, elapsedMicros) / spinnerFrameMicros) % Int64(spinnerFrames.count))
        return spinnerFrames[frame]
    }

    /// `━━━━────` with `finished` of `total` filled.
    static func bar(finished: Int, total: Int, width: Int) -> (filled: String, empty: String) {
        guard total > 0 else { return ("", String(repeating: "─", count: width)) }
        let filled = min(width, finished * width / total)
        return (String(repeating: "━", count: filled), String(repeating: "─", count: width - filled))
    }
}
