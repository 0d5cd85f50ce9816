/// The prefix an aggregated log puts before each line of what a program printed (`web-1  | `, `Dec 07 21:00:00
/// host app[123]: `, `2026-12-07T21:00:00.123Z `, `remote: `, `> `): a structure spanning lines (a private key
/// block) is read from the text after it, and the prefix stays as printed (secrets20 #12).
///
/// Its shape is its bytes with each run of digits one digit, so a timestamp, a pid or a counter that changes from
/// line to line (and a fraction of a second that drops its trailing zeros) keeps the shape.
struct LinePrefix: Sendable, Equatable {
    /// The bytes of the prefix, each run of digits kept as its first digit.
    let shape: [UInt8]

    /// The prefix of the line `data[lineStart..<at]` before what starts at `at`; nil when it is empty or only whitespace
    /// (an indented block is read as before: its body lines are trimmed).
    init?(_ data: UnsafeBufferPointer<UInt8>, _ lineStart: Int, _ at: Int) {
        let bytes = data[lineStart..<at]
        guard bytes.contains(where: { !SecretPatterns.isWhitespace($0) }) else { return nil }
        var shape: [UInt8] = []
        for (index, byte) in zip(bytes.indices, bytes) where !(SecretPatterns.isDigit(byte) && index > lineStart && SecretPatterns.isDigit(data[index - 1])) {
            shape.append(byte)
        }
        self.shape = shape
    }

    /// Where the prefix ends in `data[line]`, if the line starts with it; `partial`: the line may end inside it
    /// (a region cut mid-line), and then its end is where the prefix would end.
    func end(in data: UnsafeBufferPointer<UInt8>, _ line: Range<Int>, partial: Bool = false) -> Int? {
        var index = line.lowerBound
        for byte in shape {
            guard index < line.upperBound else { return partial ? line.upperBound : nil }
            if SecretPatterns.isDigit(byte) {
                guard SecretPatterns.isDigit(data[index]) else { return nil }
                while index < line.upperBound, SecretPatterns.isDigit(data[index]) { index += 1 }
            } else {
                guard data[index] == byte else { return nil }
                index += 1
            }
        }
        return index
    }
}

/// Line-start rules after a log's prefix (secrets20 #13): a netrc line or a `password X` directive is the same
/// structure after `error: `, `web-1 | `, `remote: `, `> `, `[12:00:01] ` or `2026-12-07 21:00:00 INFO ` as at the
/// line's start.
extension SecretScan {
    /// Whether only a log's prefix (and spaces) stands before `index` on its line, or nothing: the prefix ends
    /// in `:`, `|`, `>` or `]` and a space, or in a capitalised level word (`INFO`, `WARN`) after a timestamp.
    func startsLineAfterPrefix(_ index: Int) -> Bool {
        var end = index
        while end > 0, SecretPatterns.isSpace(data[end - 1]) { end -= 1 }
        let start = lineStart(before: end, limit: 256)
        if end == start { return true }
        // A table's row (`|  name  |  value  |`, `+---+`) is cells, no prefix.
        var first = start
        while first < end, SecretPatterns.isSpace(data[first]) { first += 1 }
        if data[first] == 0x7C || data[first] == 0x2B { return false }
        // A space stands between the prefix and the word.
        guard end < index else { return false }
        let last = data[end - 1]
        if last == 0x3A || last == 0x7C || last == 0x3E || last == 0x5D { return true }
        // A level word after a timestamp (`… 21:00:00 INFO `): capitals, and a digit somewhere before it.
        var word = end
        while word > start, SecretPatterns.isLetter(data[word - 1]) { word -= 1 }
        return (3...8).contains(end - word) && data[word..<end].allSatisfy { $0 >= 0x41 && $0 <= 0x5A }
            && data[start..<word].contains(where: SecretPatterns.isDigit)
    }

    /// Where the words of the line holding `index` begin after a log's prefix, at each place one may end
    /// (`startsLineAfterPrefix`), first to last.
    func lineContentStarts(before index: Int) -> [Int] {
        let start = lineStart(before: index, limit: 256)
        return (start..<index).filter { position in
            !SecretPatterns.isWhitespace(data[position]) && (position == start || SecretPatterns.isWhitespace(data[position - 1])) && startsLineAfterPrefix(position)
        }
    }
}
