import Foundation

/// A wallet's seed phrase (BIP39): a line of 12, 15, 18, 21 or 24 words, every one from the BIP39 English
/// list (`Resources/bip39-english.txt`, see its `.ORIGIN`), whatever the line holds before it (`seed: `, a
/// list number, spaces). A line a region leaves unfinished (it ends in a space on it: the rest comes in the
/// next write) loses its words once three of them are there, and the words that follow in the next region
/// (`SecretCarry.mnemonicWords`).
extension SecretScan {
    /// The words a phrase has.
    static let mnemonicWordCounts: Set<Int> = [12, 15, 18, 21, 24]
    /// The fewest words of an unfinished line taken for the start of a phrase.
    static let unfinishedMnemonicWordsMin = 3
    /// BIP39's English words (3 to 8 small letters each); empty when the list is missing from the bundle.
    static let bip39Words: Set<[UInt8]> = {
        guard let root = Bundle.module.url(forResource: "Resources", withExtension: nil),
            let text = try? String(contentsOf: root.appendingPathComponent("bip39-english.txt"), encoding: .utf8)
        else { return [] }
        return Set(text.split(whereSeparator: \.isNewline).map { Array($0.utf8) })
    }()
    /// The shortest and longest line a phrase fits in (twelve words of 3 letters; 24 of 8 and some room).
    private static let mnemonicLineBytes = (12 * 4 - 1)...(24 * 9 + 32)

    /// The seed phrases in the region's lines.
    mutating func mnemonics() {
        guard let base = data.baseAddress, !data.isEmpty else { return }
        var lineStart = 0
        while lineStart < count {
            let found = memchr(base + lineStart, 0x0A, count - lineStart)
            let lineEnd = found.map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base } ?? count
            // A line is unfinished when the region ends in a space on it: the stream emits up to whitespace, the rest comes.
            let unfinished = found == nil && SecretPatterns.isSpace(data[count - 1])
            if SecretScan.mnemonicLineBytes.contains(lineEnd - lineStart) || (unfinished && lineEnd - lineStart >= 11) {
                mnemonicLine(lineStart..<lineEnd, finished: !unfinished)
            }
            lineStart = lineEnd + 1
        }
    }

    /// The run of BIP39 words that ends `line`, when it makes a phrase (or, `finished` false, begins one).
    private mutating func mnemonicLine(_ line: Range<Int>, finished: Bool) {
        var words: [Range<Int>] = []
        var index = line.lowerBound
        while index < line.upperBound {
            while index < line.upperBound, SecretPatterns.isWhitespace(data[index]) { index += 1 }
            guard index < line.upperBound else { break }
            var end = index
            while end < line.upperBound, !SecretPatterns.isWhitespace(data[end]) { end += 1 }
            // The phrase is the run of list words that ends the line (`seed words: …`; `seed` is a list word too).
            if isBIP39Word(index..<end) { words.append(index..<end) } else { words = [] }
            index = end
        }
        guard let first = words.first, let last = words.last else { return }
        if finished ? SecretScan.mnemonicWordCounts.contains(words.count) : words.count >= SecretScan.unfinishedMnemonicWordsMin {
            add(first.lowerBound..<last.upperBound)
            if !finished { pending = .mnemonicWords }
        }
    }

    /// From the region's start: the BIP39 words that go on an unfinished phrase, to its line's end.
    mutating func mnemonicWords(from start: Int) {
        var index = start
        var end = start
        while index < count, !SecretPatterns.isLineEnd(data[index]) {
            while index < count, SecretPatterns.isSpace(data[index]) { index += 1 }
            var wordEnd = index
            while wordEnd < count, !SecretPatterns.isWhitespace(data[wordEnd]) { wordEnd += 1 }
            guard wordEnd > index else { break }
            guard isBIP39Word(index..<wordEnd) else {
                add(start..<end)
                return
            }
            end = wordEnd
            index = wordEnd
        }
        add(start..<end)
        if index == count { pending = .mnemonicWords }
    }

    private func isBIP39Word(_ word: Range<Int>) -> Bool {
        (3...8).contains(word.count) && word.allSatisfy { data[$0] >= 0x61 && data[$0] <= 0x7A } && SecretScan.bip39Words.contains(Array(data[word]))
    }
}
