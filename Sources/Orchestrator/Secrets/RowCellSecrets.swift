/// A table printed as name and value rows (`npm token create`'s `│ token │ X │`, a markdown or psql
/// `| password | X |` in expanded display): the cell after a credential's name, when the name is the row's first cell.
extension SecretScan {
    /// The length of the cell separator at `index`: `|`, or the box-drawing `│` and `┃` (three bytes).
    private func cellSeparatorLength(at index: Int) -> Int? {
        if data[index] == 0x7C { return 1 }
        guard index + 2 < count, data[index] == 0xE2, data[index + 1] == 0x94, data[index + 2] == 0x82 || data[index + 2] == 0x83 else { return nil }
        return 3
    }

    /// Whether a cell separator ends at `end`.
    private func cellSeparatorEnds(at end: Int) -> Bool {
        (end >= 1 && data[end - 1] == 0x7C) || (end >= 3 && cellSeparatorLength(at: end - 3) == 3)
    }

    /// The name `data[name]` is a row's first cell and a separator is at `separator`: redacts the next
    /// cell (one word) and says whether the row was such a one.
    mutating func rowCellValue(name: Range<Int>, separator: Int) -> Bool {
        guard let length = cellSeparatorLength(at: separator) else { return false }
        var before = name.lowerBound
        while before > 0, SecretPatterns.isSpace(data[before - 1]) { before -= 1 }
        // A row's first cell: the line's start, or a separator that starts the line (`│ token │`), before it.
        if before > 0, cellSeparatorEnds(at: before) {
            before -= data[before - 1] == 0x7C ? 1 : 3
            while before > 0, SecretPatterns.isSpace(data[before - 1]) { before -= 1 }
        }
        guard before == 0 || SecretPatterns.isLineEnd(data[before - 1]) else { return false }
        var start = separator + length
        while start < count, SecretPatterns.isSpace(data[start]) { start += 1 }
        var end = start
        while end < count, !SecretPatterns.isLineEnd(data[end]), cellSeparatorLength(at: end) == nil { end += 1 }
        while end > start, SecretPatterns.isSpace(data[end - 1]) { end -= 1 }
        let value = start..<end
        if !value.isEmpty, !data[value].contains(where: SecretPatterns.isSpace), !SecretValueShape.isPlaceholder(data, value) { add(value) }
        return true
    }
}
