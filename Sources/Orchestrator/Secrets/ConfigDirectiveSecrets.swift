/// Credentials given by a word and a space, as config files and SQL write them: SQL's `IDENTIFIED WITH
/// plugin BY 'X'` (the plugin between the phrase's words), and a directive that starts its line with the
/// value as its only word (`requirepass X` in redis.conf, `masterauth X`, `password X`).
extension SecretScan {
    private static let identifiedWord = Array("identified".utf8)
    private static let withWord = Array("with".utf8)

    /// Where `IDENTIFIED WITH plugin BY` starts when its `BY` ends at `end` (any case, the plugin a name or quoted).
    func identifiedWithPluginStart(endingAt end: Int) -> Int? {
        guard end >= 2, data[end - 2] | 0x20 == 0x62, data[end - 1] | 0x20 == 0x79 else { return nil }
        var index = end - 2
        guard let plugin = wordBefore(index) else { return nil }
        index = plugin.lowerBound
        guard let with = wordBefore(index), matchesLowercase(SecretScan.withWord, with) else { return nil }
        index = with.lowerBound
        guard let identified = wordBefore(index), matchesLowercase(SecretScan.identifiedWord, identified) else { return nil }
        return identified.lowerBound
    }

    /// The word (no spaces) before the spaces before `index`, on its line.
    private func wordBefore(_ index: Int) -> Range<Int>? {
        var end = index
        guard end > 0, SecretPatterns.isSpace(data[end - 1]) else { return nil }
        while end > 0, SecretPatterns.isSpace(data[end - 1]) { end -= 1 }
        var start = end
        while start > 0, !SecretPatterns.isWhitespace(data[start - 1]), end - start < 64 { start -= 1 }
        return start < end ? start..<end : nil
    }

    private func matchesLowercase(_ word: [UInt8], _ range: Range<Int>) -> Bool {
        word.count == range.count && zip(word, data[range]).allSatisfy { $0 == SecretPatterns.lowercased($1) }
    }

    /// `requirepass X`: a credential's name starts its line and its value is the one word after it.
    /// A capitalised name and a capitalised word of small letters after it is a heading (`Token Revocation`; secrets20 #16).
    func isDirectiveValue(name start: Int, value: Range<Int>) -> Bool {
        guard (startsLine(start) || startsLineAfterPrefix(start)) && value.upperBound == lineEnd(from: value.lowerBound) && isValueWord(value, quoted: false)
        else { return false }
        return !(isCapital(data[start]) && isCapital(data[value.lowerBound]) && data[value].dropFirst().allSatisfy { $0 >= 0x61 && $0 <= 0x7A })
    }

    private func isCapital(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
}
