/// What the end of one redacted region leaves pending for the start of the next (a key whose value
/// has not arrived yet, or a value cut mid-word).
enum SecretCarry: Sendable, Equatable {
    case none
    /// A value was cut mid-word: redact up to the next separator.
    case continueWord
    /// `--password X`, `Bearer X`: the next word on the line is the value.
    case nextWord
    /// `curl -u user:pass`: the part after the first colon of the next word.
    case nextWordAfterColon
    /// YAML `password: X`: the rest of the line (or the quoted string that starts it).
    case restOfLine
    /// `Authorization: Basic X`: the rest of the line after an optional scheme word.
    case schemeThenRest
}

/// Secret shapes recognised without being registered: URL credentials, `key=value` and `key: value`
/// (YAML, JSON), `--password X` and `-u user:pass` options, bearer and `Authorization:` headers, and
/// well-known token shapes (GitHub, GitLab, AWS, Slack, OpenAI-style `sk-`).
///
/// A scan is one pass over the bytes that looks pairs up in `triggerPairs` (`SecretTriggerScan`); only
/// where a pattern may start or end (a `:` after a key's last letter, a `-` starting a word…) are the bytes around checked.
enum SecretPatterns {
    /// Keys whose value is a secret, lowercased, `-` written as `_`: in `key: value` and `--key value`.
    static let keys: [[UInt8]] = [
        "password", "passwd", "pass", "token", "secret", "api_key", "apikey", "secret_key", "access_key", "private_key",
        "credential", "credentials",
    ].map { Array($0.utf8) }
    /// In `key=value` also these, too common as words in prose (`auth: fix a leak` in a changelog).
    static let assignmentKeys: [[UInt8]] = keys + ["key", "auth"].map { Array($0.utf8) }
    /// Authentication schemes that precede the credential in an `Authorization:` value.
    static let schemes: Set<String> = ["basic", "bearer", "token", "digest", "negotiate"]
    /// Prefixes of token shapes that end in `-` (GitLab, Slack, `sk-`) and in `_` (GitHub).
    static let dashTokenPrefixes: [[UInt8]] = ["glpat", "xoxb", "xoxp", "xoxa", "xoxr", "xoxs", "sk"].map { Array($0.utf8) }
    static let underscoreTokenPrefixes: [[UInt8]] = ["ghp", "gho", "ghu", "ghs", "ghr", "github_pat"].map { Array($0.utf8) }
    static let bearerWord = Array("bearer".utf8)
    static let authorizationWord = Array("authorization".utf8)
    static let userOptions: [[UInt8]] = [Array("u".utf8), Array("user".utf8)]
    /// For each pair of bytes (indexed current << 8 | previous), whether a pattern may be there: `@`, `=`;
    /// `:` after a key's last letter or a quote; `-` starting a word or after a token prefix's last
    /// letter; `_` after a GitHub prefix's last letter; `be` (bearer, any case); `AK` (AWS).
    static let triggerPairs: [Bool] = (0..<65536).map { pair in
        let previous = UInt8(pair & 0xFF)
        let current = UInt8(pair >> 8)
        let lower = lowercased(previous)
        switch current {
        case 0x40, 0x3D: return true
        case 0x3A: return isQuote(previous) || keys.contains { $0.last == lower }
        case 0x2D: return isWhitespace(previous) || isQuote(previous) || Array("tbpars k".utf8).contains(lower)
        case 0x5F: return Array("pousrt".utf8).contains(lower)
        case 0x65, 0x45: return lower == 0x62
        case 0x4B: return previous == 0x41
        default: return false
        }
    }
    /// For each byte, whether some key ends with it (lowercased): most `:` and `=` are rejected here.
    static let keyEndings: [Bool] = (0...255).map { byte in assignmentKeys.contains { $0.last == lowercased(UInt8(byte)) } }
    /// A GitHub, GitLab, Slack or `sk-` token has at least this many characters after its prefix.
    static let tokenBodyBytesMin = 16

    /// The ranges of `data` that hold secrets, and what is pending at its end. `carry` is what the
    /// previous region left; `endsMidWord` says the region was cut inside a word (a long word).
    static func ranges(in data: UnsafeBufferPointer<UInt8>, carry: SecretCarry, endsMidWord: Bool) -> (ranges: [Range<Int>], carry: SecretCarry) {
        var scan = Scan(data: data)
        scan.applyValue(carry, from: 0)
        // One pass finds the few places worth a look (SecretTriggerScan); the checks run after it.
        for index in SecretTriggerScan.indexes(in: data) {
            switch data[index] {
            case 0x40: scan.urlPassword(at: index)
            case 0x3D, 0x3A: scan.keyValue(separatorAt: index)
            case 0x2D: scan.dash(at: index)
            case 0x5F: scan.underscore(at: index)
            case 0x65, 0x45: scan.bearer(at: index - 1)
            default: scan.awsKey(at: index - 1)
            }
        }
        var pending = scan.pending
        if pending == .none, endsMidWord, scan.ranges.contains(where: { $0.upperBound == data.count }) { pending = .continueWord }
        return (scan.ranges, pending)
    }

    /// Replaces every range with the marker; returns whether anything was replaced.
    static func replace(_ ranges: [Range<Int>], in data: inout [UInt8]) -> Bool {
        guard !ranges.isEmpty else { return false }
        var merged: [Range<Int>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) where !range.isEmpty {
            if let last = merged.last, range.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        for range in merged.reversed() { data.replaceSubrange(range, with: SecretPolicy.marker) }
        return !merged.isEmpty
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
    static func isLineEnd(_ byte: UInt8) -> Bool { byte == 0x0A || byte == 0x0D }
    static func isWhitespace(_ byte: UInt8) -> Bool { isSpace(byte) || isLineEnd(byte) }
    static func isQuote(_ byte: UInt8) -> Bool { byte == 0x22 || byte == 0x27 }
    /// Ends a `key=value` value or a URL word.
    static func isSeparator(_ byte: UInt8) -> Bool { isWhitespace(byte) || isQuote(byte) || byte == 0x26 }
    static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    static func isTokenByte(_ byte: UInt8) -> Bool { isLetter(byte) || isDigit(byte) || byte == 0x5F || byte == 0x2D }
    static func lowercased(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }

    /// One pass over a region, collecting secret ranges.
    private struct Scan {
        let data: UnsafeBufferPointer<UInt8>
        var ranges: [Range<Int>] = []
        var pending: SecretCarry = .none

        init(data: UnsafeBufferPointer<UInt8>) { self.data = data }

        var count: Int { data.count }



        /// Whether `key` ends just before `end` (case-insensitive, `-` as `_`) and starts a word part:
        /// after a non-letter, or as the capitalised part of a camelCase name (`accessToken`).
        func keyEnds(at end: Int, assignment: Bool = false) -> Bool {
            guard end > 0, SecretPatterns.keyEndings[Int(data[end - 1])] else { return false }
            let last = SecretPatterns.lowercased(data[end - 1])
            for key in assignment ? SecretPatterns.assignmentKeys : SecretPatterns.keys where key.last == last && end >= key.count {
                let start = end - key.count
                var matches = true
                for offset in 0..<key.count {
                    var byte = SecretPatterns.lowercased(data[start + offset])
                    if byte == 0x2D { byte = 0x5F }
                    if byte != key[offset] { matches = false; break }
                }
                guard matches else { continue }
                if start == 0 || !SecretPatterns.isLetter(data[start - 1]) { return true }
                let first = data[start]
                if first >= 0x41 && first <= 0x5A && data[start - 1] >= 0x61 { return true }
            }
            return false
        }

        /// `key=value`, `key: value`, `"key": "value"`, `Authorization: …`.
        mutating func keyValue(separatorAt at: Int) {
            var keyEnd = at
            if keyEnd > 0, SecretPatterns.isQuote(data[keyEnd - 1]) { keyEnd -= 1 }
            let isColon = data[at] == 0x3A
            if isColon, endsWithAuthorization(keyEnd) {
                applyValue(.schemeThenRest, from: at + 1)
                return
            }
            guard keyEnds(at: keyEnd, assignment: !isColon) else { return }
            let next = at + 1
            if next == count {
                pending = isColon ? .restOfLine : .continueWord
            } else if isColon && SecretPatterns.isSpace(data[next]) {
                applyValue(.restOfLine, from: next)
            } else if SecretPatterns.isQuote(data[next]) {
                add(quoted(from: next))
            } else {
                add(next..<wordEnd(from: next, separators: true))
            }
        }

        private func endsWithAuthorization(_ end: Int) -> Bool {
            let word = SecretPatterns.authorizationWord
            guard end >= word.count else { return false }
            for offset in 0..<word.count where SecretPatterns.lowercased(data[end - word.count + offset]) != word[offset] {
                return false
            }
            return true
        }

        /// `--password X`, `-u user:pass`, and `glpat-…`, `xoxb-…`, `sk-…` token shapes.
        mutating func dash(at: Int) {
            if at == 0 || SecretPatterns.isWhitespace(data[at - 1]) || SecretPatterns.isQuote(data[at - 1]) {
                option(startingAt: at)
                return
            }
            guard at >= 2, SecretPatterns.isLetter(data[at - 1]) else { return }
            for prefix in SecretPatterns.dashTokenPrefixes where endsWithWord(prefix, at: at) {
                token(after: at + 1, allowing: SecretPatterns.isTokenByte)
                return
            }
        }

        private mutating func option(startingAt start: Int) {
            let end = wordEnd(from: start, separators: false)
            var nameStart = start
            while nameStart < end, data[nameStart] == 0x2D { nameStart += 1 }
            guard nameStart - start <= 2, nameStart < end, !data[nameStart..<end].contains(0x3D) else { return }
            let isUser = SecretPatterns.userOptions.contains { option in
                option.count == end - nameStart && zip(option, data[nameStart..<end]).allSatisfy { $0 == SecretPatterns.lowercased($1) }
            }
            if isUser {
                applyValue(.nextWordAfterColon, from: end)
            } else if keyEnds(at: end) {
                applyValue(.nextWord, from: end)
            }
        }

        /// `ghp_…`, `gho_…`, `ghu_…`, `ghs_…`, `ghr_…`, `github_pat_…`.
        mutating func underscore(at: Int) {
            guard at >= 3 else { return }
            for prefix in SecretPatterns.underscoreTokenPrefixes where endsWithWord(prefix, at: at) {
                token(after: at + 1) { SecretPatterns.isLetter($0) || SecretPatterns.isDigit($0) || $0 == 0x5F }
                return
            }
        }

        /// `bearer X` in any case.
        mutating func bearer(at: Int) {
            let word = SecretPatterns.bearerWord
            guard at >= 0, at + word.count < count, at == 0 || !SecretPatterns.isLetter(data[at - 1]) else { return }
            for offset in 1..<word.count where SecretPatterns.lowercased(data[at + offset]) != word[offset] { return }
            guard SecretPatterns.isSpace(data[at + word.count]) else { return }
            applyValue(.nextWord, from: at + word.count)
        }

        /// `AKIA` followed by 16 upper-case letters or digits (an AWS access key id).
        mutating func awsKey(at: Int) {
            let length = 16
            guard at >= 0, at + 4 + length <= count, at == 0 || !SecretPatterns.isTokenByte(data[at - 1]),
                data[at + 1] == 0x4B, data[at + 2] == 0x49, data[at + 3] == 0x41
            else { return }
            let body = (at + 4)..<(at + 4 + length)
            guard body.allSatisfy({ (data[$0] >= 0x41 && data[$0] <= 0x5A) || SecretPatterns.isDigit(data[$0]) }) else { return }
            add(body)
        }

        /// `scheme://user:password@host`: the password.
        mutating func urlPassword(at: Int) {
            var start = at
            while start > 0, !SecretPatterns.isSeparator(data[start - 1]), at - start < SecretStream.heldWordBytesMax { start -= 1 }
            var schemeEnd: Int?
            var index = start
            while index + 2 < at {
                if data[index] == 0x3A, data[index + 1] == 0x2F, data[index + 2] == 0x2F { schemeEnd = index + 3; break }
                index += 1
            }
            guard let credentialsStart = schemeEnd,
                let colon = data[credentialsStart..<at].firstIndex(of: 0x3A), colon + 1 < at
            else { return }
            add((colon + 1)..<at)
        }

        private func endsWithWord(_ bytes: [UInt8], at end: Int) -> Bool {
            guard end >= bytes.count else { return false }
            let start = end - bytes.count
            guard data[start..<end].elementsEqual(bytes) else { return false }
            return start == 0 || !(SecretPatterns.isLetter(data[start - 1]) || SecretPatterns.isDigit(data[start - 1]))
        }

        private mutating func token(after start: Int, allowing allowed: (UInt8) -> Bool) {
            var end = start
            while end < count, allowed(data[end]) { end += 1 }
            if end - start >= SecretPatterns.tokenBodyBytesMin { add(start..<end) }
        }

        /// Redacts the value `kind` describes, starting at `start` (a `continueWord`, carried from the
        /// previous region, starts right there); a value not begun by the end is left pending.
        mutating func applyValue(_ kind: SecretCarry, from start: Int) {
            if kind == .none { return }
            if kind == .continueWord {
                add(start..<wordEnd(from: start, separators: true))
                return
            }
            var valueStart = start
            while valueStart < count, SecretPatterns.isSpace(data[valueStart]) { valueStart += 1 }
            if valueStart == count {
                pending = kind
                return
            }
            if SecretPatterns.isLineEnd(data[valueStart]) { return }
            switch kind {
            case .none, .continueWord: return
            case .nextWord:
                if SecretPatterns.isQuote(data[valueStart]) { add(quoted(from: valueStart)); return }
                var end = wordEnd(from: valueStart, separators: false)
                if end > valueStart + 1, SecretPatterns.isQuote(data[end - 1]) { end -= 1 }
                add(valueStart..<end)
            case .nextWordAfterColon:
                let end = wordEnd(from: valueStart, separators: false)
                guard let colon = data[valueStart..<end].firstIndex(of: 0x3A) else { return }
                var valueEnd = end
                if valueEnd > colon + 1, SecretPatterns.isQuote(data[valueEnd - 1]) { valueEnd -= 1 }
                add((colon + 1)..<valueEnd)
            case .restOfLine:
                if SecretPatterns.isQuote(data[valueStart]) { add(quoted(from: valueStart)); return }
                add(valueStart..<lineEnd(from: valueStart))
            case .schemeThenRest:
                let wordStop = wordEnd(from: valueStart, separators: false)
                let word = String(decoding: data[valueStart..<wordStop].map(SecretPatterns.lowercased), as: UTF8.self)
                if SecretPatterns.schemes.contains(word) {
                    applyValue(.restOfLine, from: wordStop)
                } else {
                    applyValue(.restOfLine, from: valueStart)
                }
            }
        }

        /// The inside of a quoted string starting at `start` (to its closing quote or the line's end).
        private func quoted(from start: Int) -> Range<Int> {
            let quote = data[start]
            var end = start + 1
            while end < count, data[end] != quote, !SecretPatterns.isLineEnd(data[end]) {
                end += data[end] == 0x5C && end + 1 < count ? 2 : 1
            }
            return (start + 1)..<min(end, count)
        }

        private func wordEnd(from start: Int, separators: Bool) -> Int {
            var end = start
            while end < count, !(separators ? SecretPatterns.isSeparator(data[end]) : SecretPatterns.isWhitespace(data[end])) { end += 1 }
            return end
        }

        private func lineEnd(from start: Int) -> Int {
            var end = start
            while end < count, !SecretPatterns.isLineEnd(data[end]) { end += 1 }
            while end > start, SecretPatterns.isSpace(data[end - 1]) { end -= 1 }
            // A quote that closes what encloses the line (`-H 'Authorization: Basic X'`) is not the value's.
            if end > start, SecretPatterns.isQuote(data[end - 1]), !data[start..<(end - 1)].contains(data[end - 1]) { end -= 1 }
            return end
        }

        private mutating func add(_ range: Range<Int>) {
            if !range.isEmpty { ranges.append(range) }
        }
    }
}
