/// Tables that name a credential by something other than a header of separated fields: a row whose
/// first cell names it (AWS's table output `||  SecretAccessKey |  X  ||`, its text output's tab-separated
/// `CREDENTIALS  ASIA…  2026-…  X  Y` record), and a header aligned with spaces (`NAME    TOKEN`, as kubectl
/// and doctl print), whose column's word in each row below is the value.
extension SecretScan {
    /// A cell of a credential's row is redacted when it is base64 this long or longer that looks like a secret.
    static let rowCellBytesMin = 16
    /// The fewest spaces that separate the fields of an aligned header.
    private static let alignmentSpacesMin = 2
    /// The longest header line after a field's name that `alignedColumn` looks for the end of.
    static let alignedHeaderBytesMax = 4096

    /// The name `start..<end` as the first cell of a `|`- or tab-separated row: its other cells that are
    /// key material (base64 of `rowCellBytesMin` bytes that looks like a secret). Whether the row was one.
    mutating func credentialRow(name start: Int, end: Int) -> Bool {
        let lineStart = textLineStart(before: start, limit: 256)
        guard data[lineStart..<start].allSatisfy({ $0 == 0x7C || SecretPatterns.isSpace($0) }) else { return false }
        var after = end
        while after < count, data[after] == 0x20 { after += 1 }
        guard after < count, data[after] == 0x7C || data[after] == 0x09 else { return false }
        let separator = data[after]
        var found = false
        var cellStart = after + 1
        while cellStart <= count {
            var cellEnd = cellStart
            while cellEnd < count, data[cellEnd] != separator, !SecretPatterns.isLineEnd(data[cellEnd]) { cellEnd += 1 }
            var (lower, upper) = (cellStart, cellEnd)
            while lower < upper, SecretPatterns.isSpace(data[lower]) { lower += 1 }
            while upper > lower, SecretPatterns.isSpace(data[upper - 1]) { upper -= 1 }
            let cell = lower..<upper
            if cell.count >= SecretScan.rowCellBytesMin || (cellEnd == count && !cell.isEmpty),
                cell.allSatisfy({ SecretScan.isBase64URLByte(data[$0]) || data[$0] == 0x2B || data[$0] == 0x2F }),
                SecretValueShape.looksLikeSecret(data, cell)
            {
                add(cell)
                found = true
            }
            guard cellEnd < count, data[cellEnd] == separator else { break }
            cellStart = cellEnd + 1
        }
        return found
    }

    /// The name `start..<end` as a whole field of a header line whose fields are aligned with two spaces or
    /// more and start with capitals (`NAME    TOKEN    AGE`): the word at its column in each row below is a
    /// value. Whether it was such a header.
    mutating func alignedColumn(name start: Int, end: Int) -> Bool {
        let lineStart = textLineStart(before: start, limit: 512)
        // A header is a short line: the search for its end is bounded, so a line of megabytes with a credential's name
        // every few thousand bytes is not read to its end once per name (an import of 5.6 MB of recipe text on one
        // line each took minutes).
        var lineStop = end
        let searchEnd = min(count, end + SecretScan.alignedHeaderBytesMax)
        while lineStop < searchEnd, !SecretPatterns.isLineEnd(data[lineStop]) { lineStop += 1 }
        // A header not yet whole is looked at again in the next region (the stream's context holds it).
        guard lineStop < count, lineStop < searchEnd || SecretPatterns.isLineEnd(data[lineStop]) else { return false }
        var field = start
        // A field of several words (`ACCESS TOKEN`): one space between them.
        while field >= lineStart + 2, data[field - 1] == 0x20, data[field - 2] != 0x20 { field = nameStart(endingAt: field - 1, limit: 64) }
        guard field == lineStart || (field >= lineStart + SecretScan.alignmentSpacesMin && data[(field - SecretScan.alignmentSpacesMin)..<field].allSatisfy { $0 == 0x20 }),
            CredentialName.kind(of: data, field, end) == .strong, isAlignedHeader(lineStart..<lineStop)
        else { return false }
        alignedRows(from: lineStop, column: field - lineStart)
        return true
    }

    /// Two fields or more, split at runs of two spaces or more, each of words starting with a capital, none after the first
    /// a value with digits that looks like a secret (`BINDPW  Xk9…` is a directive and its value, not a header).
    private func isAlignedHeader(_ line: Range<Int>) -> Bool {
        let isCapital = { (byte: UInt8) in byte >= 0x41 && byte <= 0x5A }
        var fields = 0
        var index = line.lowerBound
        while index < line.upperBound {
            guard isCapital(data[index]) else { return false }
            let word = index..<wordEnd(from: index, separators: false)
            if fields > 0, word.contains(where: { SecretPatterns.isDigit(data[$0]) }), SecretValueShape.looksLikeSecret(data, word) { return false }
            fields += 1
            // The field goes on to two spaces (or one ending the line); a single space starts its next word.
            while index < line.upperBound, !(data[index] == 0x20 && (index + 1 == line.upperBound || data[index + 1] == 0x20)) {
                if data[index] == 0x20 {
                    guard isCapital(data[index + 1]) else { return false }
                } else if !CredentialName.isNameByte(data[index]) {
                    return false
                }
                index += 1
            }
            while index < line.upperBound, data[index] == 0x20 { index += 1 }
        }
        return fields >= 2
    }

    /// The rows from `start` (a line end, or a region's start among them): the word at byte `column` of
    /// each, until a blank line. A row cut by the region's end is read again, whole, in the next.
    mutating func alignedRows(from start: Int, column: Int) {
        var index = start < count && SecretPatterns.isLineEnd(data[start]) ? start : textLineStart(before: start, limit: SecretStream.lineContextBytesMax)
        while true {
            if index < count, data[index] == 0x0D { index += 1 }
            if index < count, data[index] == 0x0A { index += 1 }
            var stop = index
            while stop < count, !SecretPatterns.isLineEnd(data[stop]) { stop += 1 }
            if stop == index, stop < count { return }
            let at = index + column
            if at < stop, data[at] != 0x20, column == 0 || data[at - 1] == 0x20 {
                let value = at..<wordEnd(from: at, separators: false)
                if !SecretValueShape.isPlaceholder(data, value) { add(value) }
            }
            if stop == count {
                pending = .tableColumn(column: column, fields: 0, separator: 0x20)
                return
            }
            index = stop
        }
    }

    /// The start of the line of text holding `index`, also in a command line's words (a table printed by
    /// `printf` is lines inside one word).
    private func textLineStart(before index: Int, limit: Int) -> Int {
        var start = index
        while start > 0, index - start < limit, !SecretPatterns.isLineEnd(data[start - 1]) { start -= 1 }
        return start
    }
}
