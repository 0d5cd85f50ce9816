/// One pass over a region of bytes, collecting the ranges that hold secrets and what is pending at
/// its end. Each structure a secret comes in is an extension in its own file (`KeyValueSecrets`,
/// `URLSecrets`, `OptionSecrets`, `TokenShapes`, `PrivateKeyBlocks`); this holds what they share:
/// where a value ends, and how a value announced at the end of the region carries into the next.
struct SecretScan {
    let data: UnsafeBufferPointer<UInt8>
    /// The region is the words of one command line, one per line (`SecretPolicy.redact(words:)`): an
    /// option's value may then be on the next line, and the command is everything before.
    let wordsPerLine: Bool
    /// Ranges found by a structure (a credential key and its separator, a URL's user part, a header, a
    /// token's prefix, a key block, a password option): redacted, and learned for the rest of the run.
    var ranges: [Range<Int>] = []
    /// Ranges found in prose or by their shape alone (a sentence's value, `password X`, `key -> X`, a bare
    /// AWS secret, a cookie's bare value): redacted there, but never learned as secrets for the rest of
    /// the run, where a wrong guess would spread.
    var guesses: [Range<Int>] = []
    var pending: SecretCarry = .none
    /// Triggers before this index were inside something already handled (a key block, a JWT).
    var handledUpTo = 0
    /// The end of the last name `credentialWord` looked at (its other letter pairs need no second look).
    var lastNameEnd = 0

    init(data: UnsafeBufferPointer<UInt8>, wordsPerLine: Bool) {
        self.data = data
        self.wordsPerLine = wordsPerLine
    }

    var count: Int { data.count }

    /// Redacts the value `kind` describes, starting at `start` (a `continueWord`, carried from the
    /// previous region, starts right there); a value not begun by the end is left pending.
    mutating func applyValue(_ kind: SecretCarry, from start: Int) {
        switch kind {
        case .none: return
        case .continueWord, .assignedWord:
            // A value cut inside an escape (`\\|\\\"X\\\"`, JSON in a JSON string) goes on through the escaped quote.
            var wordStart = start
            while wordStart < count, data[wordStart] == 0x5C { wordStart += 1 }
            if wordStart > start, wordStart < count, SecretPatterns.isQuote(data[wordStart]) { wordStart += 1 }
            add(start..<wordEnd(from: wordStart, separators: true))
            return
        case .privateKeyBlock(let bytesLeft, let prefix):
            privateKeyBody(from: start, bytesLeft: bytesLeft, prefix: prefix)
            return
        case .lineValue(let indent):
            lineValue(from: start, indent: indent)
            return
        case .lineBelow(let indent):
            linesBelow(from: start, indent: indent)
            return
        case .tableColumn(let column, let fields, let separator):
            tableRows(from: lineStart(before: start, limit: SecretStream.lineContextBytesMax), column: column, fields: fields, separator: separator)
            return
        case .indentedLines(let indent, let midLine, let scalarOnly, let seen):
            indentedLines(from: start, indent: indent, midLine: midLine, scalarOnly: scalarOnly, seen: seen)
            return
        case .jsonValue:
            jsonValue(from: start)
            return
        case .valueLineBelow:
            // From the line's start: `v` may have been released at a quiet moment, `alue: X` come now.
            valueLine(from: lineStart(before: start, limit: 64))
            return
        case .blockValue(let linesLeft, let depth): return blockDefault(from: start, linesLeft: linesLeft, depth: depth)
        case .keyDumpLines(let counted): return keyDumpLines(from: start, counted: counted)
        case .promptedLine(let labelOnly): return promptedLine(from: start, labelOnly: labelOnly)
        case .listedValue(let anyValue): return listedValue(from: start, anyValue: anyValue)
        case .mnemonicWords: return mnemonicWords(from: start)
        case .elementText:
            // From the end of the name's element: `<str` may have been released at a quiet moment, `ing>X` come now.
            var from = start
            while from > 0, start - from < 64, data[from - 1] != 0x3E, !SecretPatterns.isLineEnd(data[from - 1]) { from -= 1 }
            return nextElementText(from: from)
        case .containerStrings(let depth, let linesLeft): return containerStrings(from: start, depth: depth, linesLeft: linesLeft)
        default: break
        }
        var valueStart = start
        while valueStart < count, SecretPatterns.isSpace(data[valueStart]) || (wordsPerLine && kind.isWord && SecretPatterns.isLineEnd(data[valueStart])) {
            valueStart += 1
        }
        // A command line continued (`--password \` and the value on the next line).
        while kind.isWord, valueStart + 1 < count, data[valueStart] == 0x5C, SecretPatterns.isLineEnd(data[valueStart + 1]) {
            valueStart += 1
            while valueStart < count, SecretPatterns.isWhitespace(data[valueStart]) { valueStart += 1 }
        }
        if valueStart == count {
            pending = kind
            return
        }
        if SecretPatterns.isLineEnd(data[valueStart]) {
            // `--password` ending its line (argv printed a word a line): a word alone on the line below
            // that looks like a secret, however far the lines are apart in time.
            if kind == .nextWord { lineValue(from: valueStart, indent: Int.max) }
            return
        }
        switch kind {
        case .none, .continueWord, .assignedWord, .privateKeyBlock, .lineValue, .lineBelow, .tableColumn, .indentedLines, .jsonValue, .valueLineBelow,
            .blockValue, .keyDumpLines, .promptedLine, .listedValue, .mnemonicWords, .containerStrings, .elementText:
            return
        case .cookieList:
            cookieList(from: valueStart)
        case .nextWord, .secretLookingWord, .proseWord:
            let value: Range<Int>
            if SecretPatterns.isQuote(data[valueStart]) {
                value = quoted(from: valueStart)
            } else {
                var end = wordEnd(from: valueStart, separators: false)
                if end > valueStart + 1, SecretPatterns.isQuote(data[end - 1]) { end -= 1 }
                value = valueStart..<end
            }
            switch kind {
            case .nextWord:
                let quoted = SecretPatterns.isQuote(data[valueStart])
                if isValueWord(value, quoted: quoted) || (!quoted && SecretValueShape.looksLikeSecretEndingInPunctuation(data, value)) { add(value) }
            case .proseWord: if SecretValueShape.looksRandom(data, value) { addGuess(value) }
            default: if SecretValueShape.looksLikeSecret(data, value) { add(value) }
            }
        case .nextWordAfterColon:
            passwordAfterColon(in: valueStart..<wordEnd(from: valueStart, separators: false))
        case .restOfLine:
            let value = SecretPatterns.isQuote(data[valueStart]) ? quoted(from: valueStart) : valueStart..<lineEnd(from: valueStart)
            if !SecretValueShape.isPlaceholder(data, value) { add(value) }
            // A quoted value the region ends inside (a quiet release after its opening quote) goes on in the next.
            if SecretPatterns.isQuote(data[valueStart]), value.upperBound == count { pending = .continueWord }
        case .schemeThenRest:
            if let inside = bracketed(from: valueStart) {
                // Go's `authorization:[Bearer X]`, a list of one header value: the scheme, then the rest inside.
                let schemeEnd = min(inside.upperBound, wordEnd(from: inside.lowerBound, separators: false))
                var credential = schemeEnd
                while credential < inside.upperBound, SecretPatterns.isSpace(data[credential]) { credential += 1 }
                if credential < inside.upperBound { add(credential..<inside.upperBound) } else if SecretValueShape.looksLikeSecret(data, inside) { add(inside) }
                return
            }
            let wordStop = wordEnd(from: valueStart, separators: false)
            let word = String(decoding: data[valueStart..<wordStop].map(SecretPatterns.lowercased), as: UTF8.self)
            if SecretPatterns.schemes.contains(word) || isSchemeName(valueStart..<wordStop) {
                var credentialStart = wordStop
                while credentialStart < count, SecretPatterns.isSpace(data[credentialStart]) { credentialStart += 1 }
                let credential = credentialStart..<wordEnd(from: credentialStart, separators: false)
                // `fix Authorization: Basic parsing` is prose.
                if credential.upperBound == lineEnd(from: credentialStart), SecretValueShape.isProseWord(data, credential) { return }
                if SecretScan.oneTokenSchemes.contains(word) {
                    // A bearer token or basic credentials are one token: it ends where a shell word or command would
                    // (`sh -c 'curl -H "Authorization: Bearer X"; exit 3'` keeps its `; exit 3`).
                    var end = credentialStart
                    while end < count, !SecretScan.endsToken(data[end]) { end += 1 }
                    if credentialStart < end { add(credentialStart..<end) } else if credentialStart == count { pending = .nextWord }
                    return
                }
                // `-H "Authorization: Bearer X" https://…`: the header ends with the quoted string it is in.
                if let quote = openQuote(before: valueStart) {
                    let lineStop = lineEnd(from: credentialStart)
                    add(credentialStart..<(data[credentialStart..<lineStop].firstIndex(of: quote) ?? lineStop))
                    return
                }
                applyValue(.restOfLine, from: wordStop)
            } else {
                applyValue(.secretLookingWord, from: valueStart)
            }
        }
    }

    /// The inside of `[…]` or `(…)` starting at `start`, when it closes on its line.
    func bracketed(from start: Int) -> Range<Int>? {
        let open = data[start]
        guard open == 0x5B || open == 0x28 else { return nil }
        let close: UInt8 = open == 0x5B ? 0x5D : 0x29
        var end = start + 1
        while end < count, data[end] != close, !SecretPatterns.isLineEnd(data[end]) { end += 1 }
        return end < count && data[end] == close ? (start + 1)..<end : nil
    }

    /// An authentication scheme no list has (`GoogleLogin`, `Splunk`): a word of 2 to 16 letters starting
    /// with a capital, with a word after it on the line that looks like a secret (`authentication: Fix
    /// use-after-free in …` is a changelog's; secrets20 #16), or with the region's end after it (the credential
    /// comes in the next chunk).
    func isSchemeName(_ word: Range<Int>) -> Bool {
        guard (2...16).contains(word.count), data[word.lowerBound] >= 0x41, data[word.lowerBound] <= 0x5A,
            word.allSatisfy({ SecretPatterns.isLetter(data[$0]) })
        else { return false }
        var next = word.upperBound
        while next < count, SecretPatterns.isSpace(data[next]) { next += 1 }
        if next == count { return next > word.upperBound }
        guard !SecretPatterns.isLineEnd(data[next]) else { return false }
        let value = next..<wordEnd(from: next, separators: false)
        return isValueWord(value, quoted: false) && SecretValueShape.looksLikeSecret(data, value)
    }

    /// Schemes whose credential is one token (`Authorization: Bearer X`).
    static let oneTokenSchemes: Set<String> = ["bearer", "basic", "token"]

    /// Ends a token in a header, a shell word or a command line: whitespace, a quote, `\`, `;`, `&`, `|`.
    static func endsToken(_ byte: UInt8) -> Bool {
        SecretPatterns.isSeparator(byte) || byte == 0x3B || byte == 0x7C || byte == 0x5C
    }

    /// The quote that opened the innermost string still open at `at` on its line, if any (`"` in `sh -c 'echo "X`).
    func openQuote(before at: Int) -> UInt8? {
        var open: [UInt8] = []
        let start = lineStart(before: at, limit: 512)
        for index in start..<at where SecretPatterns.isQuote(data[index]) {
            let byte = data[index]
            // An apostrophe (`user's`) opens nothing.
            if byte == 0x27, index > start, index + 1 < count, SecretPatterns.isLetter(data[index - 1]), SecretPatterns.isLetter(data[index + 1]) { continue }
            if open.last == byte { open.removeLast() } else { open.append(byte) }
        }
        return open.last
    }

    /// Whether an option's or a bearer's next word is a value: not a placeholder, not another option,
    /// not a word of prose (`--with-secret if …`, `bearer bypass`) unless quoted.
    func isValueWord(_ value: Range<Int>, quoted: Bool) -> Bool {
        guard !SecretValueShape.isPlaceholder(data, value) else { return false }
        if quoted || SecretValueShape.isSymbolLedValue(data, value) { return true }
        return data[value.lowerBound] != 0x2D && !SecretValueShape.isProseWord(data, value) && !SecretValueShape.isPunctuated(data, value)
    }

    /// The inside of a quoted string starting at `start` (to its closing quote or the line's end). An escaped quote
    /// (`\"`) does not close it, nor does a doubled single quote inside it (YAML's and SQL's `'it''s'`; secrets20 #11).
    func quoted(from start: Int) -> Range<Int> {
        let quote = data[start]
        var end = start + 1
        while end < count, !SecretPatterns.isLineEnd(data[end]) {
            if data[end] == quote {
                guard quote == 0x27, end > start + 1, end + 2 < count, data[end + 1] == quote, !SecretPatterns.isWhitespace(data[end + 2]) else { break }
                end += 2
                continue
            }
            end += data[end] == 0x5C && end + 1 < count ? 2 : 1
        }
        return (start + 1)..<min(end, count)
    }

    /// The inside of a quoted string starting at `start`, if it closes on its line.
    func closedQuote(from start: Int) -> Range<Int>? {
        let inside = quoted(from: start)
        return inside.upperBound < count && data[inside.upperBound] == data[start] ? inside : nil
    }

    /// Where a word starting at `start` ends: at whitespace, or (`separators`) also at a quote, or at a
    /// `&`, `;` or `,` that starts the next `name=` of a query or connection string (`password=a&b` keeps its `&b`).
    func wordEnd(from start: Int, separators: Bool) -> Int {
        var end = start
        while end < count {
            let byte = data[end]
            if separators ? SecretPatterns.isSeparator(byte) && byte != 0x26 : SecretPatterns.isWhitespace(byte) { break }
            if separators, byte == 0x3B || byte == 0x2C || byte == 0x26, startsAssignment(at: end + 1) { break }
            end += 1
        }
        return end
    }

    /// Whether `Name=` (letters, digits, spaces, `_`) starts at `start`, or nothing more of the word does
    /// (the region's end is no word's end: the value may go on in the next chunk, so it is taken to).
    private func startsAssignment(at start: Int) -> Bool {
        var index = start
        while index < count, index - start < 64 {
            let byte = data[index]
            if byte == 0x3D { return index > start }
            if SecretPatterns.isSeparator(byte) { return index == start }
            guard CredentialName.isNameByte(byte) || byte == 0x20 else { return false }
            index += 1
        }
        return false
    }

    /// The end of the line's text from `start`, without trailing spaces or a quote that closes what
    /// encloses the line (`-H 'Authorization: Basic X'`).
    func lineEnd(from start: Int) -> Int {
        var end = start
        while end < count, !SecretPatterns.isLineEnd(data[end]) { end += 1 }
        while end > start, SecretPatterns.isSpace(data[end - 1]) { end -= 1 }
        if end > start, SecretPatterns.isQuote(data[end - 1]), !data[start..<(end - 1)].contains(data[end - 1]) { end -= 1 }
        return end
    }

    /// The start of the line holding `index` (or of the whole region, for a command line's words).
    func lineStart(before index: Int, limit: Int) -> Int {
        var start = index
        while start > 0, index - start < limit, wordsPerLine || !SecretPatterns.isLineEnd(data[start - 1]) { start -= 1 }
        return start
    }

    /// The name (`CredentialName.isNameByte`) that ends at `end`, as far back as `limit` bytes.
    func nameStart(endingAt end: Int, limit: Int = 128) -> Int {
        var start = end
        while start > 0, end - start < limit, CredentialName.isNameByte(data[start - 1]) { start -= 1 }
        // Leading separators belong to what came before (`--password`, `_x`).
        while start < end, CredentialName.isNameSeparator(data[start]) { start += 1 }
        return start
    }

    /// Whether `word` (lowercase) ends just before `end` and starts a word (no letter or digit before it).
    func endsWithWord(_ word: [UInt8], at end: Int, caseSensitive: Bool = true) -> Bool {
        guard end >= word.count else { return false }
        let start = end - word.count
        for (offset, byte) in word.enumerated() {
            let found = data[start + offset]
            if (caseSensitive ? found : SecretPatterns.lowercased(found)) != byte { return false }
        }
        return start == 0 || !(SecretPatterns.isLetter(data[start - 1]) || SecretPatterns.isDigit(data[start - 1]))
    }

    mutating func add(_ range: Range<Int>) {
        if !range.isEmpty { ranges.append(range) }
    }

    /// Adds a range found by its shape alone (see `guesses`).
    mutating func addGuess(_ range: Range<Int>) {
        if !range.isEmpty { guesses.append(range) }
    }
}
