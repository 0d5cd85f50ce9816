/// Values after a name that says they are a credential (`CredentialName`), in every syntax that pairs
/// them: `key=value`, `key = value` (INI), `key: value` (YAML, headers), `"key": "value"` (JSON),
/// `key:value` (`pass:X`), `key value` (`aws_secret_access_key X`, netrc `password X`), and the fifth
/// field of a pgpass line (`host:port:db:user:PASSWORD`).
extension SecretScan {
    /// The words before a netrc line's password (`machine h login me password X`).
    private static let netrcWords: [[UInt8]] = ["machine", "default"].map { Array($0.utf8) }
    /// A value after a name and a space only is at least this long (`token2` in `token1 token2` is a word).
    static let spacedValueBytesMin = 10

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
        guard keyEnd > 0, CredentialName.isNameByte(data[keyEnd - 1]), CredentialName.mayEnd(data, max(0, keyEnd - 8), keyEnd) else { return }
        let start = nameStart(endingAt: keyEnd)
        guard start < keyEnd, let kind = CredentialName.kind(of: data, start, keyEnd) else { return }
        let next = at + 1
        if kind == .authorization, isColon {
            applyValue(.schemeThenRest, from: next)
            return
        }
        let spacedAfter = next < count && SecretPatterns.isSpace(data[next])
        if isColon && !quotedKey && spacedAfter {
            colonSpacedValue(from: next, name: start..<keyEnd, weak: kind == .weak, enclosedBy: start > 0 && SecretPatterns.isQuote(data[start - 1]) ? data[start - 1] : nil)
            return
        }
        guard kind == .strong else {
            weakValue(from: next)
            return
        }
        if next == count {
            pending = isColon || spacedBefore ? .restOfLine : .assignedWord
        } else if isColon && data[next] == 0x3A {
            return
        } else if spacedBefore || (!isColon && spacedAfter) {
            iniValue(from: next, name: start..<keyEnd)
        } else if quotedKey {
            applyValue(.nextWord, from: next)
        } else if SecretPatterns.isQuote(data[next]) {
            add(quoted(from: next))
        } else {
            let value = next..<wordEnd(from: next, separators: true)
            if !SecretValueShape.isPlaceholder(data, value) { add(value) }
        }
    }

    /// `auth=…`, `sig: …`: one word, long and random enough (`SecretValueShape.weakValueBytesMin`).
    private mutating func weakValue(from start: Int) {
        var valueStart = start
        while valueStart < count, SecretPatterns.isSpace(data[valueStart]) { valueStart += 1 }
        if valueStart == count {
            pending = .secretLookingWord
            return
        }
        let value = SecretPatterns.isQuote(data[valueStart]) ? quoted(from: valueStart) : valueStart..<wordEnd(from: valueStart, separators: true)
        if isWeakValue(value) { add(value) }
    }

    /// Long and random enough, and no list or assignment (`sig=SIGTRAP,EVENT_FORK`, `key=value/KEY=VALUE/`).
    private func isWeakValue(_ value: Range<Int>) -> Bool {
        guard value.count >= SecretValueShape.weakValueBytesMin, SecretValueShape.looksLikeSecret(data, value) else { return false }
        var end = value.upperBound
        while end > value.lowerBound, data[end - 1] == 0x3D { end -= 1 }
        return !data[value.lowerBound..<end].contains { $0 == 0x3D || $0 == 0x2C }
    }

    /// `key: value` (YAML, a header): the value when it is all the rest of the line, one word or quoted,
    /// or several words after a password name that starts its line (`  db_password: correct horse`) —
    /// unless they are prose: `credential: fix a leak` is a commit subject, `passwd: "` the end of a
    /// quoted prompt.
    /// A header inside a quoted argument (`-H 'X-Api-Key: X'`) ends at the closing quote.
    private mutating func colonSpacedValue(from start: Int, name: Range<Int>, weak: Bool, enclosedBy quote: UInt8?) {
        var valueStart = start
        while valueStart < count, SecretPatterns.isSpace(data[valueStart]) { valueStart += 1 }
        if valueStart == count {
            pending = weak ? .secretLookingWord : .restOfLine
            return
        }
        if SecretPatterns.isQuote(data[valueStart]) {
            // `"Cookie: " or …`: the quote closes the one the name is in.
            if data[valueStart] != quote, let value = closedQuote(from: valueStart) { add(value) }
            return
        }
        var rest = valueStart..<lineEnd(from: valueStart)
        if let quote, let close = data[rest].firstIndex(of: quote) { rest = valueStart..<close }
        let firstWord = valueStart..<min(rest.upperBound, wordEnd(from: valueStart, separators: false))
        if firstWord == rest {
            if weak ? isWeakValue(rest) : isValueWord(rest, quoted: false) { add(rest) }
        } else if !weak, quote == nil, startsLine(name.lowerBound), CredentialName.namesPassword(data, name.lowerBound, name.upperBound),
            isValueWord(firstWord, quoted: false)
        {
            add(rest)
        } else if weak ? isWeakValue(firstWord) : SecretValueShape.looksLikeSecret(data, firstWord) {
            // `using X-Auth-Token: X now`: a first word that looks like a secret.
            add(firstWord)
        }
    }

    /// `password = value` (INI): the rest of the line, when the key starts its line and the line is not
    /// code (`cookie = get_cookie(c);`); elsewhere on a line, a next word that looks like a secret.
    private mutating func iniValue(from start: Int, name: Range<Int>) {
        guard startsLine(name.lowerBound) else {
            applyValue(.secretLookingWord, from: start)
            return
        }
        var valueStart = start
        while valueStart < count, SecretPatterns.isSpace(data[valueStart]) { valueStart += 1 }
        if valueStart == count {
            pending = .restOfLine
            return
        }
        if SecretPatterns.isQuote(data[valueStart]) {
            if let value = closedQuote(from: valueStart) { add(value) }
            return
        }
        let rest = valueStart..<lineEnd(from: valueStart)
        guard !rest.isEmpty, data[rest.upperBound - 1] != 0x3B, !rest.contains(where: { data[$0] == 0x28 }),
            !SecretValueShape.isPlaceholder(data, rest)
        else { return }
        add(rest)
    }

    /// Whether only spaces (or a YAML list dash) stand before `index` on its line.
    private func startsLine(_ index: Int) -> Bool {
        var position = index
        while position > 0, SecretPatterns.isSpace(data[position - 1]) || data[position - 1] == 0x2D { position -= 1 }
        return position == 0 || SecretPatterns.isLineEnd(data[position - 1])
    }

    /// `password X`, `aws_secret_access_key X`: a strong credential name as a word of its own, spaces,
    /// and a value that looks like a secret (on a netrc line, any value). `index` is inside the name.
    mutating func credentialWord(at index: Int) {
        guard index >= lastNameEnd else { return }
        var end = index + 1
        while end < count, end - index < 64, CredentialName.isNameByte(data[end]) { end += 1 }
        lastNameEnd = end
        guard end < count, SecretPatterns.isSpace(data[end]), CredentialName.mayEnd(data, max(0, end - 8), end) else { return }
        let start = nameStart(endingAt: end)
        guard start < end,
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
        let value = valueStart..<wordEnd(from: valueStart, separators: false)
        if onNetrcLine(name: start, value: value) {
            if isValueWord(value, quoted: false) { add(value) }
        } else if value.count >= SecretScan.spacedValueBytesMin, SecretValueShape.looksLikeSecret(data, value) {
            add(value)
        }
    }

    /// A netrc line: it starts with `machine` or `default` (`machine h login me password X`), or holds
    /// just the name and the value (the one-per-line form).
    private func onNetrcLine(name: Int, value: Range<Int>) -> Bool {
        let start = lineStart(before: name, limit: 256)
        var first = start
        while first < name, SecretPatterns.isWhitespace(data[first]) { first += 1 }
        var firstEnd = first
        while firstEnd < count, !SecretPatterns.isWhitespace(data[firstEnd]) { firstEnd += 1 }
        if SecretScan.netrcWords.contains(where: { $0.count == firstEnd - first && endsWithWord($0, at: firstEnd, caseSensitive: false) }) {
            return true
        }
        return first == name && lineEnd(from: value.lowerBound) == value.upperBound
    }

    /// `host:port:database:user:password`: a word of exactly five fields, the second a port number or
    /// `*` (a pgpass line, or one quoted in a message). Checked at its fourth colon.
    private mutating func pgpassLine(colonAt at: Int) {
        guard at + 1 < count, !SecretPatterns.isWhitespace(data[at + 1]) else { return }
        var start = at
        var colons = 0
        while start > 0, at - start < 256, !SecretPatterns.isWhitespace(data[start - 1]) {
            start -= 1
            if data[start] == 0x3A { colons += 1 }
            if colons > 3 { return }
        }
        guard colons == 3 else { return }
        var end = at + 1
        while end < count, !SecretPatterns.isWhitespace(data[end]) {
            if data[end] == 0x3A { return }
            end += 1
        }
        let fields = data[start..<at].split(separator: 0x3A, omittingEmptySubsequences: false)
        guard fields.count == 4, fields.allSatisfy({ !$0.isEmpty }) else { return }
        // A host with a letter (or `*`), a port of 2 to 5 digits (or `*`): `4:4:4->4:2:0` is no pgpass line.
        let (host, port) = (fields[0], fields[1])
        guard host.elementsEqual([0x2A]) || host.contains(where: SecretPatterns.isLetter),
            port.elementsEqual([0x2A]) || ((2...5).contains(port.count) && port.allSatisfy(SecretPatterns.isDigit))
        else { return }
        add((at + 1)..<end)
    }
}
