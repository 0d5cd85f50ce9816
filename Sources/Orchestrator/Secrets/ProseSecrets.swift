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
    /// A sentence of any length that ends its line with a colon (Elasticsearch's `Password for the elastic user
    /// (reset with `…`):`; secrets15 F3): the value on the next line not blank.
    mutating func proseValue(from start: Int) {
        if let lineEnd = colonEndedLine(from: start) {
            promptedLine(from: lineEnd, labelOnly: false)
            return
        }
        var index = start
        for _ in 0..<SecretScan.proseWordsMax {
            let end = wordEnd(from: index, separators: false)
            guard end > index else { return }
            // `for user 'deploy':X`, `server.key:X` (curl's and openssl's prompts, the answer echoed right after).
            if end - index <= 128, let colon = data[index..<(end - 1)].firstIndex(of: 0x3A), colon > index {
                var valueEnd = end
                while valueEnd > colon + 1, SecretScan.isSentenceEnd(data[valueEnd - 1]) { valueEnd -= 1 }
                // A URL's `https:` is no prompt's colon.
                if !data[(colon + 1)..<valueEnd].contains(0x2F), SecretValueShape.looksRandom(data, (colon + 1)..<valueEnd) {
                    addGuess((colon + 1)..<valueEnd)
                    return
                }
            }
            guard end - index <= 32 else { return }
            let links = data[end - 1] == 0x3A || SecretScan.linkingWords.contains(data[index..<end].map(SecretPatterns.lowercased))
            var next = end
            while next < count, SecretPatterns.isSpace(data[next]) { next += 1 }
            // `is : X` (Elasticsearch's `… superuser is : X`): a colon of its own links too.
            var colonEnds = data[end - 1] == 0x3A
            if links, next + 1 < count, data[next] == 0x3A, SecretPatterns.isWhitespace(data[next + 1]) {
                colonEnds = true
                next += 1
                while next < count, SecretPatterns.isSpace(data[next]) { next += 1 }
            }
            if colonEnds, next < count, SecretPatterns.isLineEnd(data[next]) {
                // `… to proceed to installation:` ending its line: the value on the next line not blank.
                promptedLine(from: next, labelOnly: false)
                return
            }
            if next < count, SecretPatterns.isLineEnd(data[next]) {
                // `Password for the [elastic] user successfully reset.`, then `New value: X`.
                promptedLine(from: next, labelOnly: true)
                return
            }
            guard next < count else { return }
            if links {
                // `is set to X`: a linking word after a linking word goes on linking.
                let nextEnd = wordEnd(from: next, separators: false)
                if SecretScan.linkingWords.contains(data[next..<nextEnd].map(SecretPatterns.lowercased)) {
                    index = next
                    continue
                }
                if SecretPatterns.isQuote(data[next]) {
                    // Quoted, a value need not look random, but like a secret (`"DEP"`, `'openssl passwd'` do not).
                    if let value = closedQuote(from: next), SecretValueShape.looksLikeSecret(data, value) { addGuess(value) }
                } else {
                    var valueEnd = wordEnd(from: next, separators: false)
                    // The sentence's own punctuation is not part of the value.
                    while valueEnd > next, SecretScan.isSentenceEnd(data[valueEnd - 1]) { valueEnd -= 1 }
                    // A bracket last is the password's own symbol when the rest looks random (`Gf8Ry3Ub6Xe}`).
                    if valueEnd > next + 1, SecretValueShape.looksLikeSecretEndingInPunctuation(data, next..<valueEnd),
                        SecretValueShape.looksRandom(data, next..<(valueEnd - 1))
                    {
                        addGuess(next..<valueEnd)
                        return
                    }
                    if SecretValueShape.looksRandom(data, next..<valueEnd) {
                        addGuess(next..<valueEnd)
                        return
                    }
                    // `password to proceed to installation:`: no value after this link, the sentence goes on.
                    index = next
                    continue
                }
                return
            }
            index = next
        }
    }

    /// The end of the line from `start` when it comes in the region, within `lineContextBytesMax` bytes, and its
    /// text ends with a colon.
    private func colonEndedLine(from start: Int) -> Int? {
        var end = start
        while end < count, end - start < SecretStream.lineContextBytesMax, !SecretPatterns.isLineEnd(data[end]) { end += 1 }
        guard end < count, SecretPatterns.isLineEnd(data[end]) else { return nil }
        var last = end
        while last > start, SecretPatterns.isSpace(data[last - 1]) { last -= 1 }
        return last > start && data[last - 1] == 0x3A ? end : nil
    }

    private static func isSentenceEnd(_ byte: UInt8) -> Bool {
        byte == 0x2E || byte == 0x2C || byte == 0x3B || byte == 0x21 || byte == 0x3F || byte == 0x29
    }

    /// `<password>X</password>`: the `>` at `at` closes a tag whose name is a credential; its text up to
    /// the next tag is the value. Without a closing tag after it (`Use "<password>" instead`, `<token>.command`)
    /// the tag is prose's placeholder, and only a value that looks like a secret is redacted, as a guess.
    mutating func xmlElement(closingAt at: Int) {
        if at + 1 < count, data[at + 1] == 0x7B, bracedBase64Text(from: at + 1) { return }
        guard CredentialName.mayEnd(data, max(0, at - 8), at) else { return }
        let start = nameStart(endingAt: at)
        guard start > 0, start < at, data[start - 1] == 0x3C, let kind = CredentialName.kind(of: data, start, at) else { return }
        var valueStart = at + 1
        while valueStart < count, SecretPatterns.isSpace(data[valueStart]) { valueStart += 1 }
        var end = valueStart
        while end < count, data[end] != 0x3C, !SecretPatterns.isLineEnd(data[end]) { end += 1 }
        while end > valueStart, SecretPatterns.isSpace(data[end - 1]) { end -= 1 }
        let value = valueStart..<end
        guard !value.isEmpty else {
            if kind == .strong, end < count, SecretPatterns.isLineEnd(data[end]) { elementLines(from: end, name: start..<at) }
            return
        }
        let closed = end + 1 < count && data[end] == 0x3C && data[end + 1] == 0x2F
        if kind == .strong, closed, !SecretValueShape.isPlaceholder(data, value) {
            add(value)
        } else if SecretValueShape.looksLikeSecret(data, value) {
            addGuess(value)
        }
    }

    /// Maven's encrypted password, whatever its element (`<password>{…}</password>` in settings.xml, and
    /// `<master>{…}</master>` in settings-security.xml: the master password that decrypts all the others): an
    /// element whose whole text is base64 in braces. Whether it was one.
    private mutating func bracedBase64Text(from start: Int) -> Bool {
        var end = start + 1
        while end < count, SecretPatterns.isLetter(data[end]) || SecretPatterns.isDigit(data[end]) || data[end] == 0x2B || data[end] == 0x2F || data[end] == 0x3D {
            end += 1
        }
        let inside = (start + 1)..<end
        guard inside.count >= SecretScan.bracedBase64BytesMin, end + 2 < count, data[end] == 0x7D, data[end + 1] == 0x3C, data[end + 2] == 0x2F,
            SecretValueShape.looksLikeSecret(data, inside)
        else { return false }
        add(start..<(end + 1))
        return true
    }

    /// The shortest base64 inside an encrypted password's braces (Maven's hold 16 bytes of IV at least: 24 characters).
    private static let bracedBase64BytesMin = 16
}
