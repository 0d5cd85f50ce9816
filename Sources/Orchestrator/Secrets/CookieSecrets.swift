/// Cookies: after `Cookie:`, `Set-Cookie:` or `--cookie`, a list of `name=value` pairs separated by
/// `;`, whose values are session secrets whatever their names; a cookie's attributes (`Path=/`,
/// `Expires=…`) are not.
extension SecretScan {
    /// The attribute names of a `Set-Cookie` value (RFC 6265 and its successors), lowercase.
    private static let cookieAttributes: Set<[UInt8]> = Set([
        "path", "domain", "expires", "max-age", "samesite", "secure", "httponly", "priority", "partitioned", "version", "comment",
    ].map { Array($0.utf8) })

    /// The pairs from `start` (the quoted string that starts there, else up to a space not after a `;`).
    mutating func cookieList(from start: Int) {
        var index = start
        var limit = count
        if SecretPatterns.isQuote(data[start]) {
            let inside = quoted(from: start)
            index = inside.lowerBound
            limit = inside.upperBound
        }
        while index < limit {
            var end = index
            while end < limit, data[end] != 0x3B, !SecretPatterns.isWhitespace(data[end]), !SecretPatterns.isQuote(data[end]) { end += 1 }
            cookiePair(index..<end)
            guard end < limit, data[end] == 0x3B else { break }
            index = end + 1
            while index < limit, SecretPatterns.isSpace(data[index]) { index += 1 }
        }
        handledUpTo = max(handledUpTo, index)
    }

    private mutating func cookiePair(_ pair: Range<Int>) {
        guard !pair.isEmpty else { return }
        guard let equals = data[pair].firstIndex(of: 0x3D) else {
            // A bare value (`Cookie: X`), not an attribute word (`HttpOnly`).
            if pair.count >= SecretValueShape.weakValueBytesMin, SecretValueShape.looksLikeSecret(data, pair) { addGuess(pair) }
            return
        }
        let name = data[pair.lowerBound..<equals].map(SecretPatterns.lowercased)
        var value = (equals + 1)..<pair.upperBound
        if value.count >= 2, SecretPatterns.isQuote(data[value.lowerBound]), data[value.upperBound - 1] == data[value.lowerBound] {
            value = (value.lowerBound + 1)..<(value.upperBound - 1)
        }
        guard !name.isEmpty, !SecretScan.cookieAttributes.contains(name), !value.isEmpty, !SecretValueShape.isPlaceholder(data, value) else { return }
        add(value)
    }
}
