/// A name and its value printed on lines of their own, one after the other: redis `CONFIG GET requirepass`
/// (`requirepass` then `X`; in a terminal `1) "requirepass"` then `2) "X"`), and any key/value listing printed
/// one item a line. A line that is only a credential's name (maybe numbered, maybe quoted) makes the next line
/// its value. A bare name that is also a word (`password`, a file `ls` lists) needs a value that looks like a
/// secret; a compound or an identifier (`requirepass`, `db_password`) or a numbered, quoted item takes any value.
extension SecretScan {
    /// Whether the line holding the name `start..<end` is that name alone; then its value is on the next line.
    mutating func listedName(start: Int, end: Int) -> Bool {
        // A command line's words are one a line: there a word alone is a word (`htpasswd -v FILE`), for the argv rules.
        guard !wordsPerLine, CredentialName.kind(of: data, start, end) == .strong else { return false }
        let lineStart = lineStart(before: start, limit: 64)
        var before = lineStart
        while before < start, SecretPatterns.isSpace(data[before]) { before += 1 }
        let numbered = listNumberEnd(from: before).map { number in
            before = number
            return true
        } ?? false
        var quote: UInt8?
        if before < start, SecretPatterns.isQuote(data[before]) {
            quote = data[before]
            before += 1
        }
        guard before == start else { return false }
        var after = end
        if let quote {
            guard after < count, data[after] == quote else { return false }
            after += 1
        }
        while after < count, SecretPatterns.isSpace(data[after]) { after += 1 }
        // Alone only once its line has ended (` = X` may follow in the next write, or on the other channel).
        guard after < count, SecretPatterns.isLineEnd(data[after]) else { return false }
        // A bare word (`password`) is a file's or a heading's name as often as a key's.
        let anyValue = numbered && quote != nil || CredentialName.isCompound(data, start, end)
        listedValue(from: after, anyValue: anyValue)
        return true
    }

    /// From the end of a name's line (or the region's start): the next line's text without its list number
    /// and quotes, redacted when it is a value.
    mutating func listedValue(from start: Int, anyValue: Bool) {
        var index = start
        if index < count, data[index] == 0x0D { index += 1 }
        if index < count, data[index] == 0x0A { index += 1 }
        guard index < count else {
            pending = .listedValue(anyValue: anyValue)
            return
        }
        while index < count, SecretPatterns.isSpace(data[index]) { index += 1 }
        index = listNumberEnd(from: index) ?? index
        guard index < count else {
            // Only the line's indentation or number has come.
            pending = .listedValue(anyValue: anyValue)
            return
        }
        var end = index
        while end < count, !SecretPatterns.isLineEnd(data[end]) { end += 1 }
        if end == count, anyValue {
            // The line goes on in the next region.
            add(index..<end)
            pending = .continueWord
            return
        }
        var value = index..<end
        while value.upperBound > value.lowerBound, SecretPatterns.isSpace(data[value.upperBound - 1]) { value = value.lowerBound..<(value.upperBound - 1) }
        if value.count >= 2, SecretPatterns.isQuote(data[value.lowerBound]), data[value.upperBound - 1] == data[value.lowerBound] {
            value = (value.lowerBound + 1)..<(value.upperBound - 1)
        }
        guard !value.isEmpty, !SecretValueShape.isPlaceholder(data, value), !isSentence(value), anyValue || SecretValueShape.looksLikeSecret(data, value) else { return }
        add(value)
    }

    /// Three words or more ending in a full stop: a description under an option's name (`ssh_config(5)`'s
    /// `GSSAPIDelegateCredentials` then `Forward (delegate) credentials to the server.`), not its value.
    private func isSentence(_ value: Range<Int>) -> Bool {
        data[value.upperBound - 1] == 0x2E && value.filter { data[$0] == 0x20 }.count >= 2
    }

    /// The end of a list item's number at `start` (`1) `, `12. `), if one is there.
    private func listNumberEnd(from start: Int) -> Int? {
        var index = start
        while index < count, SecretPatterns.isDigit(data[index]) { index += 1 }
        guard index > start, index + 1 < count, data[index] == 0x29 || data[index] == 0x2E, data[index + 1] == 0x20 else { return nil }
        return index + 2
    }
}
