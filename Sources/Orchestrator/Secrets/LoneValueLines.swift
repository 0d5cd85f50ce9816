/// A secret printed bare, alone on its line, as the tools that hand one out print it: Argo CD's initial admin
/// password before the sentence that names it (`X`, a blank line, `This password must be only used for first
/// time login…`), and a key generator's whole output (`wg genkey`, `openssl rand -base64 32`: one base64 word).
/// A stream holds such a line back (`SecretStream`) until what follows it says what it was, or the stream ends.
enum LoneValueLines {
    /// The most blank lines between a value and the sentence that names it.
    static let blankLinesMax = 2
    /// The first words of a sentence among which the credential's name stands (`This password must …`).
    static let sentenceNameWordsMax = 4
    /// A bare key is a word this long at least (16 random bytes in base64).
    static let bareKeyBytesMin = 22

    /// The word of the last line of `data[..<end]` not blank (at most `blankLinesMax` blank lines after it), when
    /// it is alone on its line and looks like a secret.
    static func loneWord(_ data: UnsafeBufferPointer<UInt8>, endingAt end: Int) -> Range<Int>? {
        var lineEnd = end
        var blankLines = 0
        while true {
            var trimmed = lineEnd
            while trimmed > 0, SecretPatterns.isSpace(data[trimmed - 1]) || data[trimmed - 1] == 0x0D { trimmed -= 1 }
            guard trimmed > 0, data[trimmed - 1] == 0x0A else {
                var start = trimmed
                while start > 0, !SecretPatterns.isWhitespace(data[start - 1]) { start -= 1 }
                var lineStart = start
                while lineStart > 0, SecretPatterns.isSpace(data[lineStart - 1]) { lineStart -= 1 }
                guard lineStart == 0 || data[lineStart - 1] == 0x0A, start < trimmed, isTokenWord(data, start..<trimmed),
                    SecretValueShape.looksLikeSecret(data, start..<trimmed)
                else { return nil }
                return start..<trimmed
            }
            guard blankLines <= blankLinesMax else { return nil }
            blankLines += 1
            lineEnd = trimmed - 1
        }
    }

    /// Whether `data[word]` is one token, no structure (`Password=X`, a URL: their own rules read them): letters,
    /// digits, `+`, `/`, `-`, `_`, `.`, `~`, and `=` only as base64's padding at its end.
    static func isTokenWord(_ data: UnsafeBufferPointer<UInt8>, _ word: Range<Int>) -> Bool {
        var end = word.upperBound
        while end > word.lowerBound, data[end - 1] == 0x3D { end -= 1 }
        return end > word.lowerBound && (word.lowerBound..<end).allSatisfy { index in
            let byte = data[index]
            return SecretPatterns.isTokenByte(byte) || byte == 0x2B || byte == 0x2F || byte == 0x2E || byte == 0x7E
        }
    }

    /// Whether the line holding `data[at]` is a sentence (four words or more) whose first words name a
    /// credential (`name`, which starts at `at`).
    static func isSentenceNaming(_ data: UnsafeBufferPointer<UInt8>, nameAt at: Int) -> Bool {
        var lineStart = at
        while lineStart > 0, !SecretPatterns.isLineEnd(data[lineStart - 1]) { lineStart -= 1 }
        var lineEnd = at
        while lineEnd < data.count, !SecretPatterns.isLineEnd(data[lineEnd]) { lineEnd += 1 }
        let before = data[lineStart..<at].split(whereSeparator: SecretPatterns.isSpace)
        let words = data[lineStart..<lineEnd].split(whereSeparator: SecretPatterns.isSpace)
        return before.count < sentenceNameWordsMax && words.count >= 4 && before.allSatisfy { $0.allSatisfy(SecretPatterns.isLetter) }
    }

    /// Whether `data[range]` is what a key generator prints: one base64 word (with `+`, `/` or `=` padding, or
    /// small and capital letters and digits), `bareKeyBytesMin` long or longer, that looks like a secret.
    static func isBareKey(_ data: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard range.count >= bareKeyBytesMin, SecretValueShape.looksLikeSecret(data, range) else { return false }
        var upper = false, lower = false, digit = false, symbol = false
        for index in range {
            let byte = data[index]
            switch byte {
            case 0x41...0x5A: upper = true
            case 0x61...0x7A: lower = true
            case 0x30...0x39: digit = true
            case 0x2B, 0x2F, 0x3D, 0x2D, 0x5F: symbol = true
            default: return false
            }
        }
        return upper && lower && (digit || symbol)
    }
}

extension SecretScan {
    /// `name` (`password`, at `start`) among the first words of a sentence: the word alone on the line above
    /// it (blank lines between) is the value it names, a guess.
    mutating func valueBeforeSentence(nameAt start: Int) {
        guard LoneValueLines.isSentenceNaming(data, nameAt: start) else { return }
        var lineStart = start
        while lineStart > 0, !SecretPatterns.isLineEnd(data[lineStart - 1]) { lineStart -= 1 }
        guard lineStart > 0, let value = LoneValueLines.loneWord(data, endingAt: lineStart - 1) else { return }
        addGuess(value)
    }
}
