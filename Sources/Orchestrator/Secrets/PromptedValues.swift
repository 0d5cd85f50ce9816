/// A sentence about a credential that ends its line with a colon (`Please use the following password to
/// proceed to installation:`, `Your new API token is:`): the value is the next line that is not blank, when
/// it is one word that looks like a secret (Jenkins prints a blank line between). A sentence that ends its
/// line otherwise (`Password for the [elastic] user successfully reset.`): the next line's `New value: X`.
/// Found in prose, so a guess.
extension SecretScan {
    /// The most blank lines between the sentence and its value.
    private static let promptBlankLinesMax = 2

    /// From the line end after the sentence (or a region's start, when the value had not come yet).
    mutating func promptedLine(from start: Int, labelOnly: Bool) {
        var index = start < count && SecretPatterns.isLineEnd(data[start]) ? start : lineStart(before: start, limit: 256)
        if index < count, data[index] == 0x0D { index += 1 }
        if index < count, data[index] == 0x0A { index += 1 }
        var blankLines = 0
        var content = index
        var stop = index
        while true {
            content = index
            while content < count, SecretPatterns.isSpace(data[content]) { content += 1 }
            stop = content
            while stop < count, !SecretPatterns.isLineEnd(data[stop]) { stop += 1 }
            guard stop < count else {
                // Not come yet, or not whole (the stream's end may be the line's): what there is of it is
                // judged now, and the line looked at again from its start in the next region.
                promptedValue(in: content..<stop, labelOnly: labelOnly)
                pending = .promptedLine(labelOnly: labelOnly)
                return
            }
            guard content == stop else { break }
            blankLines += 1
            guard blankLines <= SecretScan.promptBlankLinesMax else { return }
            index = stop
            if index < count, data[index] == 0x0D { index += 1 }
            if index < count, data[index] == 0x0A { index += 1 }
        }
        var end = stop
        while end > content, SecretPatterns.isSpace(data[end - 1]) { end -= 1 }
        promptedValue(in: content..<end, labelOnly: labelOnly)
    }

    private static let valueWord = Array("value".utf8)

    /// The value in the line `line` (trimmed) below a prompt: the line itself when one word that looks like a
    /// secret (unless `labelOnly`), else the word after `value:` or one word and `value:` (`New value: X`).
    private mutating func promptedValue(in line: Range<Int>, labelOnly: Bool) {
        guard !line.isEmpty else { return }
        if !labelOnly, SecretValueShape.looksLikeSecret(data, line) {
            addGuess(line)
            return
        }
        var label = line.lowerBound
        var firstEnd = label
        while firstEnd < line.upperBound, SecretPatterns.isLetter(data[firstEnd]) { firstEnd += 1 }
        if firstEnd < line.upperBound, data[firstEnd] == 0x20 { label = firstEnd + 1 }
        guard label + SecretScan.valueWord.count < line.upperBound,
            zip(SecretScan.valueWord, data[label..<(label + SecretScan.valueWord.count)]).allSatisfy({ $0 == SecretPatterns.lowercased($1) })
        else { return }
        var colon = label + SecretScan.valueWord.count
        while colon < line.upperBound, data[colon] == 0x20 { colon += 1 }
        guard colon < line.upperBound, data[colon] == 0x3A else { return }
        var value = colon + 1
        while value < line.upperBound, data[value] == 0x20 { value += 1 }
        if SecretValueShape.looksLikeSecret(data, value..<line.upperBound) { addGuess(value..<line.upperBound) }
    }
}
