/// Credentials in the one-line directives of network devices and daemons (Cisco IOS and its kin, net-snmp,
/// pam_radius, ntp): lowercase command words, the credential's word, maybe a key number, an algorithm and an
/// encryption type, then the value — `radius-server key X`, `tacacs-server key 7 X`, ` key-string X`,
/// `ip ospf message-digest-key 1 md5 X`, `username admin secret 0 X`, `snmp-server community X RO`,
/// `rocommunity X default`. The words before the value are a device's grammar, not prose: the value is
/// redacted when it looks like a secret, or whatever it looks like after an encryption type (`7 0822455D0A16`).
extension SecretScan {
    /// The most command words before the credential's word on its line.
    private static let directiveWordsMax = 5
    /// The most words (a key number, an algorithm, an encryption type) between the credential's word and the value.
    private static let modifierWordsMax = 3
    private static let keyWord = Array("key".utf8)
    private static let communityWord = Array("community".utf8)

    /// The value of the directive whose credential word is `name` (a word with a `key` part: `key`, `key-string`,
    /// `message-digest-key`; or a strong credential's name followed by an encryption type: `secret 5 X`), when the
    /// line is a directive's. Whether it was one.
    mutating func deviceDirective(name: Range<Int>) -> Bool {
        guard name.upperBound < count, data[name.upperBound] == 0x20, isDirectiveWords(name.lowerBound..<name.upperBound) else {
            return false
        }
        if hasPart(SecretScan.keyWord, in: name) { return directiveValue(after: name.upperBound, typeRequired: false) }
        return CredentialName.kind(of: data, name.lowerBound, name.upperBound) == .strong && directiveValue(after: name.upperBound, typeRequired: true)
    }

    /// `rocommunity X`, `snmp-server community X`: every word ending in `community` (an address family's digit
    /// after it) on a directive's line. The word has no letter pair `SecretTriggerScan` stops at, so it is looked for.
    mutating func communityDirectives() {
        var from = 0
        while from < count, let at = BytePattern.firstIndex(of: SecretScan.communityWord, in: data, from: from) {
            var end = at + SecretScan.communityWord.count
            from = end
            while end < count, SecretPatterns.isDigit(data[end]) { end += 1 }
            var start = at
            while start > 0, isLowerWordByte(data[start - 1]) { start -= 1 }
            guard end < count, data[end] == 0x20, isDirectiveWords(start..<end) else { continue }
            _ = directiveValue(after: end, typeRequired: false)
        }
    }

    /// The value after the credential's word ending at `nameEnd`: past at most `modifierWordsMax` modifiers (a
    /// number, an algorithm's name with a digit: `1`, `md5`, `hmac-sha-256`), the next word. Whether one was redacted.
    private mutating func directiveValue(after nameEnd: Int, typeRequired: Bool) -> Bool {
        var index = nameEnd
        var typed = false
        for _ in 0...SecretScan.modifierWordsMax {
            while index < count, data[index] == 0x20 { index += 1 }
            let word = index..<wordEnd(from: index, separators: false)
            guard !word.isEmpty else { return false }
            if isModifier(word) {
                typed = word.count == 1 && SecretPatterns.isDigit(data[word.lowerBound])
                index = word.upperBound
                continue
            }
            guard typed || !typeRequired, word.count >= 4, isValueWord(word, quoted: false), !isLocation(word) else { return false }
            guard SecretValueShape.looksLikeSecret(data, word) || typed else { return false }
            add(word)
            return true
        }
        return false
    }

    /// Only lowercase command words (letters, digits, `-`), single spaces between them, from the line's start
    /// (after its indentation) to the end of `words`, and at most `directiveWordsMax` of them before its last.
    private func isDirectiveWords(_ words: Range<Int>) -> Bool {
        var index = lineStart(before: words.lowerBound, limit: 256)
        guard index == 0 || SecretPatterns.isLineEnd(data[index - 1]) else { return false }
        while index < words.lowerBound, data[index] == 0x20 { index += 1 }
        var spaces = 0
        while index < words.upperBound {
            if data[index] == 0x20 {
                guard data[index - 1] != 0x20, spaces < SecretScan.directiveWordsMax else { return false }
                spaces += 1
            } else if !isLowerWordByte(data[index]) {
                return false
            }
            index += 1
        }
        return true
    }

    /// A key number, an encryption type, or an algorithm's name (small letters and `-`, then digits: `md5`, `sha256`,
    /// `hmac-sha-256`) between a directive's credential word and its value.
    private func isModifier(_ word: Range<Int>) -> Bool {
        var digits = word.upperBound
        while digits > word.lowerBound, SecretPatterns.isDigit(data[digits - 1]) { digits -= 1 }
        if digits == word.lowerBound { return word.count <= 3 }
        return word.count <= 12 && digits < word.upperBound && SecretPatterns.isLetter(data[word.lowerBound])
            && (word.lowerBound..<digits).allSatisfy { (data[$0] >= 0x61 && data[$0] <= 0x7A) || data[$0] == 0x2D }
    }

    /// A URL or a path (`key https://…/gpg → /etc/apt/keyrings/…` in a plan's summary): where a key is, not a key.
    private func isLocation(_ word: Range<Int>) -> Bool {
        guard let slash = data[word].firstIndex(of: 0x2F) else { return false }
        return slash == word.lowerBound || data[word.lowerBound..<slash].contains(0x3A) || data[word.lowerBound] == 0x7E || data[word.lowerBound] == 0x2E
    }

    /// Whether `part` is one of the `-`-separated parts of the word `name` (lowercase).
    private func hasPart(_ part: [UInt8], in name: Range<Int>) -> Bool {
        var start = name.lowerBound
        for index in name.lowerBound...name.upperBound where index == name.upperBound || data[index] == 0x2D {
            if index - start == part.count, data[start..<index].elementsEqual(part) { return true }
            start = index + 1
        }
        return false
    }

    private func isLowerWordByte(_ byte: UInt8) -> Bool { (byte >= 0x61 && byte <= 0x7A) || SecretPatterns.isDigit(byte) || byte == 0x2D }
}
