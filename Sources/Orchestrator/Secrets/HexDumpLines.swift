#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lines of a hex dump (`xxd`, `hexdump -C`, `od -A x -t x1z`): an offset, the bytes in hex groups, and
/// maybe the same bytes as text. The bytes of consecutive lines are read as one run, so a registered
/// secret is found however the dump's lines cut it (`RegisteredSecrets.replaceInHexDumps`); each of its
/// bytes is then redacted in the hex and in the text column.
struct HexDumpLines {
    /// The bytes the dump shows, in order.
    var bytes: [UInt8] = []
    /// For each byte, its two hex digits in the original text, and its character in the text column (if shown).
    var digits: [Range<Int>] = []
    var characters: [Int?] = []

    /// The dumps in `data`, one run of consecutive dump lines each.
    static func runs(in data: [UInt8]) -> [HexDumpLines] {
        var runs: [HexDumpLines] = []
        var current = HexDumpLines()
        var lineStart = 0
        while lineStart < data.count {
            let lineEnd = data.withUnsafeBufferPointer { buffer in
                memchr(buffer.baseAddress! + lineStart, 0x0A, buffer.count - lineStart).map { buffer.baseAddress!.distance(to: $0.assumingMemoryBound(to: UInt8.self)) }
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
    private mutating func append(line: Range<Int>, of data: [UInt8]) -> Bool {
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
        guard lineBytes.count >= 4 else { return false }
        // The text column: after the spaces, maybe in `|…|` or `>…<`, one character a byte.
        while index < line.upperBound, data[index] == 0x20 { index += 1 }
        if index < line.upperBound, data[index] == 0x7C || data[index] == 0x3E { index += 1 }
        let shown = line.upperBound - index >= lineBytes.count
        for (offset, (value, range)) in lineBytes.enumerated() {
            bytes.append(value)
            digits.append(range)
            characters.append(shown ? index + offset : nil)
        }
        return true
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
