/// Values in the column of a table whose header names a credential: csv, tsv, `;`- and `|`-separated
/// rows under a header line (`id,name,password` then `1,bob,X`; psql's `name | password` with its rule
/// line), and SQL's `INSERT INTO users (name, password) VALUES ('a', 'X'), ('b', 'Y')`. The rows go on
/// over regions (`SecretCarry.tableColumn`) until a line with another number of fields or an empty line.
extension SecretScan {
    private static let valuesWord = Array("values".utf8)

    private static func isTableSeparator(_ byte: UInt8) -> Bool { byte == 0x2C || byte == 0x09 || byte == 0x3B || byte == 0x7C }

    /// A credential's name that ends at `end` as a whole field of a header line, or as a column of an SQL
    /// insert: whether it was one (its values are then redacted).
    mutating func tableColumn(nameEnd end: Int) -> Bool {
        var after = end
        // A quoted header field (`"Title","Username","Password"`: a password manager's CSV export).
        if after < count, SecretPatterns.isQuote(data[after]), end > 0, nameStart(endingAt: end) > 0, data[nameStart(endingAt: end) - 1] == data[after] { after += 1 }
        while after < count, data[after] == 0x20 { after += 1 }
        guard after < count, SecretScan.isTableSeparator(data[after]) || SecretPatterns.isLineEnd(data[after]) || data[after] == 0x29 else { return false }
        let start = nameStart(endingAt: end)
        guard start < end, CredentialName.kind(of: data, start, end) == .strong else { return false }
        var before = start
        while before > 0, data[before - 1] == 0x20 || data[before - 1] == 0x60 || SecretPatterns.isQuote(data[before - 1]) { before -= 1 }
        if before > 0, data[before - 1] == 0x28 || (data[before - 1] == 0x2C && data[after] != 0x09) { if sqlInsert(column: before) { return true } }
        let separator = SecretScan.isTableSeparator(data[after]) ? data[after] : before > 0 ? data[before - 1] : 0
        guard SecretScan.isTableSeparator(separator), before == 0 || SecretPatterns.isLineEnd(data[before - 1]) || data[before - 1] == separator else { return false }
        let lineStart = lineStart(before: start, limit: 1024)
        var lineStop = end
        while lineStop < count, !SecretPatterns.isLineEnd(data[lineStop]) { lineStop += 1 }
        guard lineStop < count else { return false }
        let fields = fieldRanges(lineStart..<lineStop, separator: separator)
        guard fields.count >= 2, let column = fields.firstIndex(where: { $0.contains(start) }),
            fields.allSatisfy({ isHeaderField($0, separator: separator) })
        else { return false }
        tableRows(from: lineStop, column: column, fields: fields.count, separator: separator)
        return true
    }

    /// The rows from `start` (a line end, or a line's start): each row's field `column` is a value.
    mutating func tableRows(from start: Int, column: Int, fields: Int, separator: UInt8) {
        if separator == 0x20 {
            alignedRows(from: start, column: column)
            return
        }
        var index = start
        while index < count {
            if SecretPatterns.isLineEnd(data[index]) {
                var next = index
                var lineFeeds = 0
                while next < count, SecretPatterns.isLineEnd(data[next]) {
                    if data[next] == 0x0A { lineFeeds += 1 }
                    next += 1
                }
                guard lineFeeds <= 1 else { return }
                index = next
                continue
            }
            var stop = index
            while stop < count, !SecretPatterns.isLineEnd(data[stop]) { stop += 1 }
            let line = index..<stop
            if !isRuleLine(line) {
                let row = fieldRanges(line, separator: separator)
                // A row cut by the region's end is looked at again, whole, in the next one.
                guard row.count == fields || stop == count else { return }
                if row.count > column {
                    let value = unquoted(row[column])
                    if !SecretValueShape.isPlaceholder(data, value) { add(value) }
                }
            }
            index = stop
        }
        pending = .tableColumn(column: column, fields: fields, separator: separator)
    }

    /// A psql or markdown rule line (`------+-----`, `|---|---|`).
    private func isRuleLine(_ line: Range<Int>) -> Bool {
        line.contains { data[$0] == 0x2D } && line.allSatisfy { [0x2D, 0x2B, 0x7C, 0x3D, 0x20, 0x3A].contains(data[$0]) }
    }

    /// A header's field: empty at the ends of a `|` row, else a name (no spaces inside), maybe quoted.
    private func isHeaderField(_ field: Range<Int>, separator: UInt8) -> Bool {
        let inside = unquoted(field)
        if inside.isEmpty { return separator == 0x7C }
        // `| api_token | Kq7m… |`, `| token | <uuid> |` are a name and its value (`RowCellSecrets`), not a header:
        // no header is random or has four digits.
        return inside.allSatisfy { CredentialName.isNameByte(data[$0]) || data[$0] == 0x60 } && !SecretValueShape.looksRandom(data, inside)
            && inside.filter({ SecretPatterns.isDigit(data[$0]) }).count < 4
    }

    /// The fields of `line` split at `separator` (not inside a string opened by one of `quotes`), spaces trimmed.
    private func fieldRanges(_ line: Range<Int>, separator: UInt8, quotes: [UInt8] = [0x22]) -> [Range<Int>] {
        var fields: [Range<Int>] = []
        var fieldStart = line.lowerBound
        var quote: UInt8?
        for index in line.lowerBound...line.upperBound {
            if index < line.upperBound {
                if let open = quote {
                    if data[index] == open { quote = nil }
                    continue
                }
                if quotes.contains(data[index]) { quote = data[index] }
                guard data[index] == separator else { continue }
            }
            var lower = fieldStart, upper = index
            while lower < upper, SecretPatterns.isWhitespace(data[lower]) { lower += 1 }
            while upper > lower, SecretPatterns.isWhitespace(data[upper - 1]) { upper -= 1 }
            fields.append(lower..<upper)
            fieldStart = index + 1
        }
        return fields
    }

    /// `field` without the quotes around it.
    private func unquoted(_ field: Range<Int>) -> Range<Int> {
        guard field.count >= 2, SecretPatterns.isQuote(data[field.lowerBound]) || data[field.lowerBound] == 0x60, data[field.upperBound - 1] == data[field.lowerBound]
        else { return field }
        return (field.lowerBound + 1)..<(field.upperBound - 1)
    }

    /// SQL's column list holding the name that starts at `column` (after its `(` or `,`), then `VALUES`
    /// and rows of values: the value at the name's position in each. Whether it was one.
    private mutating func sqlInsert(column: Int) -> Bool {
        guard let open = data[lineStart(before: column, limit: 512)..<column].lastIndex(of: 0x28),
            let close = data[column..<min(count, column + 512)].firstIndex(of: 0x29)
        else { return false }
        let columns = fieldRanges((open + 1)..<close, separator: 0x2C)
        guard let position = columns.firstIndex(where: { $0.contains(column) || $0.lowerBound > column }) else { return false }
        var index = close + 1
        while index < count, SecretPatterns.isWhitespace(data[index]) { index += 1 }
        let word = SecretScan.valuesWord
        guard index + word.count < count, data[index..<(index + word.count)].map(SecretPatterns.lowercased).elementsEqual(word) else { return false }
        index += word.count
        // Each row: `(`, values split at commas outside quotes, `)`.
        while index < count {
            while index < count, SecretPatterns.isWhitespace(data[index]) || data[index] == 0x2C { index += 1 }
            guard index < count, data[index] == 0x28 else { break }
            var end = index + 1
            var quote: UInt8?
            while end < count, quote != nil || data[end] != 0x29 {
                if let open = quote { if data[end] == open { quote = nil } } else if SecretPatterns.isQuote(data[end]) { quote = data[end] }
                end += 1
            }
            let values = fieldRanges((index + 1)..<end, separator: 0x2C, quotes: [0x22, 0x27])
            if position < values.count {
                let value = unquoted(values[position])
                if !SecretValueShape.isPlaceholder(data, value) { add(value) }
            }
            index = end + 1
        }
        return true
    }
}
