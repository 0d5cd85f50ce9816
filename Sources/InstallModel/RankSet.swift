/// A set of integers in `0..<capacity` held as bits, with a summary bit per 64-bit word that has any member:
/// insert, remove and membership in constant time, and the next member from a point in one word read
/// plus one per 4,096 positions skipped. The ready set's candidates, by topological rank.
struct RankSet: Hashable, Sendable {
    private var words: [UInt64]
    /// Bit `w` is set when `words[w]` holds a member.
    private var summary: [UInt64]

    init(capacity: Int) {
        let wordCount = (max(0, capacity) + 63) / 64
        words = [UInt64](repeating: 0, count: wordCount)
        summary = [UInt64](repeating: 0, count: (wordCount + 63) / 64)
    }

    func contains(_ member: Int) -> Bool {
        words[member >> 6] & (1 << UInt64(member & 63)) != 0
    }

    mutating func insert(_ member: Int) {
        let word = member >> 6
        words[word] |= 1 << UInt64(member & 63)
        summary[word >> 6] |= 1 << UInt64(word & 63)
    }

    mutating func remove(_ member: Int) {
        let word = member >> 6
        words[word] &= ~(1 << UInt64(member & 63))
        if words[word] == 0 { summary[word >> 6] &= ~(1 << UInt64(word & 63)) }
    }

    /// The smallest member at or after `start`.
    func first(from start: Int) -> Int? {
        var word = start >> 6
        guard start >= 0, word < words.count else { return nil }
        let inWord = words[word] & (~UInt64(0) << UInt64(start & 63))
        if inWord != 0 { return word << 6 | inWord.trailingZeroBitCount }
        word += 1
        var block = word >> 6
        guard block < summary.count else { return nil }
        var bits = summary[block] & (~UInt64(0) << UInt64(word & 63))
        while bits == 0 {
            block += 1
            guard block < summary.count else { return nil }
            bits = summary[block]
        }
        word = block << 6 | bits.trailingZeroBitCount
        return word << 6 | words[word].trailingZeroBitCount
    }
}
