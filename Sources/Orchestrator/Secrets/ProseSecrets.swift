/// Values in sentences and markup: `the password is X`, `password for root: X`, `das Passwort ist X`
/// (a credential name, a few words, a linking word or a colon, then a value that looks like a secret),
/// and `<password>X</password>` (an XML element named as a credential).
extension SecretScan {
    /// Words that link a name to its value in a sentence, in the languages of `CredentialVocabulary`.
    private static let linkingWords: Set<[UInt8]> = Set([
        "is", "was", "are", "be", "to", "ist", "war", "lautet", "est", "était", "es", "era", "é", "è", "är", "var", "er", "jest",
        "je", "on", "wordt", "equals", "reads", "set", "now",
    ].map { Array($0.utf8) })
    /// The most words between a name and its linking word (`password for user root on host db:`).
    private static let proseWordsMax = 6

    /// After a credential name and a space, at `start`: up to `proseWordsMax` words, the last a linking
    /// word or ending in a colon, then a value that looks like a secret (or a quoted one).
    mutating func proseValue(from start: Int) {
        var index = start
        for _ in 0..<SecretScan.proseWordsMax {
            let end = wordEnd(from: index, separators: false)
            guard end > index, end - index <= 32 else { return }
            let links = endsWithColon(end) || SecretScan.linkingWords.contains(data[index..<end].map(SecretPatterns.lowercased))
            var next = end
            while next < count, SecretPatterns.isSpace(data[next]) { next += 1 }
            guard next < count, !SecretPatterns.isLineEnd(data[next]) else { return }
            if links {
                // `is set to X`: a linking word after a linking word goes on linking.
                let nextEnd = wordEnd(from: next, separators: false)
                if SecretScan.linkingWords.contains(data[next..<nextEnd].map(SecretPatterns.lowercased)) {
                    index = next
                    continue
                }
                if SecretPatterns.isQuote(data[next]) {
                    if let value = closedQuote(from: next), !SecretValueShape.isPlaceholder(data, value) { addGuess(value) }
                } else {
                    var valueEnd = wordEnd(from: next, separators: false)
                    // The sentence's own punctuation is not part of the value.
                    while valueEnd > next, SecretScan.isSentenceEnd(data[valueEnd - 1]) { valueEnd -= 1 }
                    if SecretValueShape.looksRandom(data, next..<valueEnd) { addGuess(next..<valueEnd) }
                }
                return
            }
            index = next
        }
    }

    /// Whether the word ending at `end` ends in a colon (ASCII or full-width).
    private func endsWithColon(_ end: Int) -> Bool {
        if data[end - 1] == 0x3A { return true }
        return end >= 3 && data[end - 3] == SecretPatterns.fullWidthFirst && data[end - 2] == SecretPatterns.fullWidthMiddle
            && data[end - 1] == SecretPatterns.fullWidthColonLast
    }

    private static func isSentenceEnd(_ byte: UInt8) -> Bool {
        byte == 0x2E || byte == 0x2C || byte == 0x3B || byte == 0x21 || byte == 0x3F || byte == 0x29
    }

    /// `<password>X</password>`: the `>` at `at` closes a tag whose name is a credential; its text up to
    /// the next tag (or the line's end) is the value.
    mutating func xmlElement(closingAt at: Int) {
        guard CredentialName.mayEnd(data, max(0, at - 8), at) else { return }
        let start = nameStart(endingAt: at)
        guard start > 0, start < at, data[start - 1] == 0x3C, let kind = CredentialName.kind(of: data, start, at) else { return }
        var valueStart = at + 1
        while valueStart < count, SecretPatterns.isSpace(data[valueStart]) { valueStart += 1 }
        var end = valueStart
        while end < count, data[end] != 0x3C, !SecretPatterns.isLineEnd(data[end]) { end += 1 }
        while end > valueStart, SecretPatterns.isSpace(data[end - 1]) { end -= 1 }
        let value = valueStart..<end
        guard !value.isEmpty else { return }
        if kind == .strong, !SecretValueShape.isPlaceholder(data, value) {
            add(value)
        } else if kind != .strong, SecretValueShape.looksLikeSecret(data, value) {
            addGuess(value)
        }
    }
}
