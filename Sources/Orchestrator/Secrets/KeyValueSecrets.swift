/// Values after a name that says they are a credential (`CredentialName`), in every syntax that pairs
/// them: `key=value`, `key = value` (INI), `key: value` (YAML, headers), `"key": "value"` (JSON),
/// `key:value` (`pass:X`), `key value` (`aws_secret_access_key X`, netrc `password X`), and the fifth
/// field of a pgpass line (`host:port:db:user:PASSWORD`).
extension SecretScan {
    /// The words before a netrc line's password (`machine h login me password X`).
    private static let netrcWords: [[UInt8]] = ["machine", "login", "default"].map { Array($0.utf8) }

    /// A `=` or `:` at `at`.
    mutating func keyValue(separatorAt at: Int) {
        let isColon = data[at] == 0x3A
        if isColon {
            if webhookURL(colonAt: at) { return }
            pgpassLine(colonAt: at)
        }
        var keyEnd = at
        var spacedBefore = false
        if !isColon {
            while keyEnd > 0, SecretPatterns.isSpace(data[keyEnd - 1]), at - keyEnd < 8 { keyEnd -= 1; spacedBefore = true }
            if at + 1 < count, data[at + 1] == 0x3D { return }
        }
        let quotedKey = keyEnd > 0 && SecretPatterns.isQuote(data[keyEnd - 1])
        if quotedKey { keyEnd -= 1 }
        guard keyEnd > 0, CredentialName.isNameByte(data[keyEnd - 1]) else { return }
        let start = nameStart(endingAt: keyEnd)
        guard start < keyEnd, let kind = CredentialName.kind(of: data, start, keyEnd) else { return }
        let next = at + 1
        if kind == .authorization, isColon {
            applyValue(.schemeThenRest, from: next)
            return
        }
        let spacedAfter = next < count && SecretPatterns.isSpace(data[next])
        guard kind == .strong || kind == .authorization else {
            applyValue(.secretLookingWord, from: next)
            return
        }
        if next == count {
            pending = isColon || spacedBefore ? .restOfLine : .continueWord
        } else if (isColon && !quotedKey && spacedAfter) || spacedBefore {
            applyValue(.restOfLine, from: next)
        } else if SecretPatterns.isQuote(data[next]) {
            add(quoted(from: next))
        } else if quotedKey {
            applyValue(.nextWord, from: next)
        } else {
            let value = next..<wordEnd(from: next, separators: true)
            if !SecretValueShape.isPlaceholder(data, value) { add(value) }
        }
    }

    /// `password X`, `aws_secret_access_key X`: a strong credential name as a word of its own, spaces,
    /// and a value that looks like a secret (on a netrc line, any value). `index` is inside the name.
    mutating func credentialWord(at index: Int) {
        var end = index + 1
        while end < count, end - index < 64, CredentialName.isNameByte(data[end]) { end += 1 }
        let start = nameStart(endingAt: end)
        handledUpTo = max(handledUpTo, end)
        guard start < end, end < count, SecretPatterns.isSpace(data[end]),
            start == 0 || SecretPatterns.isWhitespace(data[start - 1]) || SecretPatterns.isQuote(data[start - 1]),
            CredentialName.kind(of: data, start, end) == .strong
        else { return }
        var valueStart = end
        while valueStart < count, SecretPatterns.isSpace(data[valueStart]) { valueStart += 1 }
        if valueStart == count {
            pending = .secretLookingWord
            return
        }
        // `password = X`, `token: X`: the separator's own trigger handles those.
        if data[valueStart] == 0x3D || data[valueStart] == 0x3A || SecretPatterns.isLineEnd(data[valueStart]) { return }
        if onNetrcLine(before: start) {
            applyValue(.nextWord, from: valueStart)
        } else {
            applyValue(.secretLookingWord, from: valueStart)
        }
    }

    private func onNetrcLine(before index: Int) -> Bool {
        let start = lineStart(before: index, limit: 256)
        var position = start
        while position < index {
            while position < index, SecretPatterns.isWhitespace(data[position]) { position += 1 }
            let wordStart = position
            while position < index, !SecretPatterns.isWhitespace(data[position]) { position += 1 }
            if SecretScan.netrcWords.contains(where: { $0.count == position - wordStart && endsWithWord($0, at: position, caseSensitive: false) }) {
                return true
            }
        }
        return false
    }

    /// `host:port:database:user:password`: a line of exactly five fields, no spaces, the second a port
    /// number or `*`. Checked at its fourth colon.
    private mutating func pgpassLine(colonAt at: Int) {
        guard at + 1 < count, !SecretPatterns.isWhitespace(data[at + 1]) else { return }
        var start = at
        var colons = 0
        while start > 0, at - start < 256, !SecretPatterns.isWhitespace(data[start - 1]) {
            start -= 1
            if data[start] == 0x3A { colons += 1 }
            if colons > 3 { return }
        }
        guard colons == 3, start == 0 || SecretPatterns.isLineEnd(data[start - 1]) else { return }
        var end = at + 1
        while end < count, !SecretPatterns.isWhitespace(data[end]) {
            if data[end] == 0x3A { return }
            end += 1
        }
        guard end == count || SecretPatterns.isLineEnd(data[end]) else { return }
        let fields = data[start..<at].split(separator: 0x3A, omittingEmptySubsequences: false)
        guard fields.count == 4, fields.allSatisfy({ !$0.isEmpty }) else { return }
        let port = fields[1]
        guard port.elementsEqual([0x2A]) || port.allSatisfy(SecretPatterns.isDigit) else { return }
        add((at + 1)..<end)
    }
}
