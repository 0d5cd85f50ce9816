#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lines of a hex dump (`xxd`, `hexdump -C`, `od -A x -t x1z`): an offset, the bytes in hex groups, and
/// maybe the same bytes as text. The bytes of consecutive lines are read as one run, so a registered
/// secret is found however the dump's lines cut it (`RegisteredSecrets.replaceInHexDumps`); each of its
/// bytes is then redacted in the hex and in the text column. What the text rules find in the bytes a dump
/// shows is redacted the same way (`patternRanges`: `curl --trace`'s `Authorization: Bearer X` cut every 16 bytes).
struct HexDumpLines {
    /// The bytes the dump shows, in order.
    var bytes: [UInt8] = []
    /// For each byte, its two hex digits in the original text, and its character in the text column (if shown).
    var digits: [Range<Int>] = []
    var characters: [Int?] = []

    /// The dumps in `data`, one run of consecutive dump lines each.
    static func runs(in data: UnsafeBufferPointer<UInt8>) -> [HexDumpLines] {
        var runs: [HexDumpLines] = []
        var current = HexDumpLines()
        var lineStart = 0
        while lineStart < data.count {
            let lineEnd = memchr(data.baseAddress! + lineStart, 0x0A, data.count - lineStart).map {
                data.baseAddress!.distance(to: $0.assumingMemoryBound(to: UInt8.self))
            } ?? data.count
            // Most lines are no dump line: they fail at their first byte.
            let isDumpLine = SecretValueShape.isHexDigit(data[lineStart]) && current.append(line: lineStart..<lineEnd, of: data)
            if !isDumpLine, !current.bytes.isEmpty {
                runs.append(current)
                current = HexDumpLines()
            }
            lineStart = lineEnd + 1
        }
        if !current.bytes.isEmpty { runs.append(current) }
        return runs
    }

    /// Adds the bytes of `line` when it is a dump line; whether it was one.
    private mutating func append(line: Range<Int>, of data: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = line.lowerBound
        while index < line.upperBound, SecretValueShape.isHexDigit(data[index]) { index += 1 }
        guard index - line.lowerBound >= 4, index < line.upperBound, data[index] == 0x3A || data[index] == 0x20 else { return false }
        if data[index] == 0x3A { index += 1 }
        var lineBytes: [(UInt8, Range<Int>)] = []
        // Hex groups of an even number of digits, one or two spaces apart.
        while index < line.upperBound {
            var spaces = 0
            while index < line.upperBound, data[index] == 0x20 { index += 1; spaces += 1 }
            guard spaces >= 1, spaces <= 2 || lineBytes.isEmpty else { break }
            var end = index
            while end < line.upperBound, SecretValueShape.isHexDigit(data[end]) { end += 1 }
            guard end > index, (end - index) % 2 == 0, end == line.upperBound || data[end] == 0x20 else { break }
            for pair in stride(from: index, to: end, by: 2) {
                let value = SecretValueShape.hexValue(data[pair])! << 4 | SecretValueShape.hexValue(data[pair + 1])!
                lineBytes.append((value, pair..<(pair + 2)))
            }
            index = end
        }
        guard let hexEnd = lineBytes.last?.1.upperBound, lineBytes.count >= 4 else { return false }
        // The text column: the line's last bytes, one character a byte, maybe in `|…|` or `>…<`, after a space or the
        // opener (its first character may be a space itself: `0020: 20 6e 71 …  nq…`).
        var textEnd = line.upperBound
        if textEnd > hexEnd, data[textEnd - 1] == 0x7C || data[textEnd - 1] == 0x3C { textEnd -= 1 }
        let textStart = textEnd - lineBytes.count
        let shown = textStart > hexEnd && [0x20, 0x7C, 0x3E].contains(data[textStart - 1])
        for (offset, (value, range)) in lineBytes.enumerated() {
            bytes.append(value)
            digits.append(range)
            characters.append(shown ? textStart + offset : nil)
        }
        return true
    }

    /// The secrets the text rules find in the bytes of the dumps in `data` (`SecretPatterns.ranges` over each run's
    /// bytes: a header, a `password=`, a token), as the ranges of their hex digits and text characters. Found in
    /// decoded bytes, so guesses: redacted, never learned (the text at those ranges is digits, not the value).
    static func patternRanges(in data: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        runs(in: data).flatMap { run -> [Range<Int>] in
            let found = run.bytes.withUnsafeBufferPointer { SecretPatterns.ranges(in: $0, carry: .none, endsMidWord: false) }
            return (found.ranges + found.guesses).flatMap(run.originalRanges)
        }
    }

    /// The original ranges that show `dumped` (a range of `bytes`): the digits and characters, merged per line.
    func originalRanges(of dumped: Range<Int>) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        for byte in dumped {
            ranges.append(digits[byte])
            if let character = characters[byte] { ranges.append(character..<(character + 1)) }
        }
        return ranges
    }
}
