import Foundation

/// Credential material in base64 under any key (`client-key-data: LS0t…`, the `data:` of a Kubernetes
/// Secret, `conn: cG9zdGdyZXM6Ly9h…`): a value of `encodedBytesMin` to `encodedBytesMax` base64
/// characters is decoded, and when the text it holds has a secret by its structure (`SecretPatterns`: a
/// private key block, a URL's password, `"auth": X`, …) the whole value is one. Hex alone (a checksum)
/// is not decoded.
extension SecretScan {
    static let encodedBytesMin = 24
    static let encodedBytesMax = 16 << 10
    /// The widths base64 is wrapped at (PEM and MIME, `base64`'s default).
    static let wrapWidths: Set<Int> = [64, 76]
    /// Decoded text with fewer printable bytes than this share is binary (a payload, not a credential).
    private static let printableShareMin = 0.9

    /// The base64 value after a key's separator at `start` (spaces and a quote before it skipped).
    mutating func encodedValue(from start: Int) {
        var valueStart = start
        while valueStart < count, SecretPatterns.isSpace(data[valueStart]) { valueStart += 1 }
        if valueStart < count, SecretPatterns.isQuote(data[valueStart]) { valueStart += 1 }
        guard let value = SecretScan.base64Word(data, from: valueStart, upTo: SecretScan.encodedBytesMax),
            value.upperBound == count || SecretPatterns.isSeparator(data[value.upperBound]) || SecretScan.endsListedValue(data[value.upperBound]),
            let decoded = SecretScan.decodedBase64(data[value]), SecretScan.holdsCredential(decoded)
        else { return }
        add(value)
    }

    /// A base64 word alone (`kubectl get secret -o jsonpath='{.data.config}'` prints one bare, with no key before
    /// it): the same test as after a key.
    mutating func bareEncodedValue(in word: Range<Int>) {
        // A line of a wrapped block (64 or 76 a line with more below, or the last after such lines) is part of a
        // longer text: its pieces decode to what they do only together.
        guard !(SecretScan.wrapWidths.contains(word.count) && base64LineFollows(word)), !endsBase64Block(word) else { return }
        guard let value = SecretScan.base64Word(data, from: word.lowerBound, upTo: SecretScan.encodedBytesMax), value.upperBound >= word.upperBound,
            let decoded = SecretScan.decodedBase64(data[value]), SecretScan.holdsCredential(decoded)
        else { return }
        add(value)
    }

    /// Whether the line after `word`'s starts with a byte of base64 (the block goes on).
    private func base64LineFollows(_ word: Range<Int>) -> Bool {
        var index = word.upperBound
        while index < count, data[index] == 0x3D || SecretPatterns.isSpace(data[index]) { index += 1 }
        guard index < count, SecretPatterns.isLineEnd(data[index]) else { return false }
        while index < count, SecretPatterns.isLineEnd(data[index]) { index += 1 }
        return index < count && SecretScan.isBase64Byte(data[index])
    }

    /// Whether a base64 word of at least `encodedBytesMin` characters (not all hex digits) starts at `start`,
    /// after one space or quote: a colon before it is worth a look though its name is no credential's.
    static func startsEncodedValue(_ data: UnsafeBufferPointer<UInt8>, after colon: Int) -> Bool {
        var start = colon + 1
        if start < data.count, SecretPatterns.isSpace(data[start]) { start += 1 }
        if start < data.count, SecretPatterns.isQuote(data[start]) { start += 1 }
        return base64Word(data, from: start, upTo: encodedBytesMin) != nil
    }

    /// The base64 (or base64url) word from `start`, its `=` padding too, when it is at least `encodedBytesMin`
    /// characters long and holds more than hex digits; scanned no further than `limit` characters.
    private static func base64Word(_ data: UnsafeBufferPointer<UInt8>, from start: Int, upTo limit: Int) -> Range<Int>? {
        var end = start
        var hexOnly = true
        while end < data.count, end - start < limit, isBase64Byte(data[end]) {
            if hexOnly, !SecretValueShape.isHexDigit(data[end]) { hexOnly = false }
            end += 1
        }
        guard end - start >= encodedBytesMin, !hexOnly else { return nil }
        if end - start == limit, limit < encodedBytesMax { return start..<end }
        var padding = 0
        while end < data.count, data[end] == 0x3D, padding < 2 {
            end += 1
            padding += 1
        }
        return start..<end
    }

    private static func isBase64Byte(_ byte: UInt8) -> Bool {
        SecretPatterns.isLetter(byte) || SecretPatterns.isDigit(byte) || byte == 0x2B || byte == 0x2F || byte == 0x2D || byte == 0x5F
    }

    /// The bytes base64 or base64url `text` encodes, if it is either.
    private static func decodedBase64(_ text: Slice<UnsafeBufferPointer<UInt8>>) -> [UInt8]? {
        var standard = text.map { $0 == 0x2D ? 0x2B : $0 == 0x5F ? 0x2F : $0 }
        while standard.last == 0x3D { standard.removeLast() }
        standard += [UInt8](repeating: 0x3D, count: (4 - standard.count % 4) % 4)
        return Data(base64Encoded: Data(standard)).map { Array($0) }
    }

    /// Whether decoded bytes are text holding a secret by its structure (not a guess by its shape).
    private static func holdsCredential(_ decoded: [UInt8]) -> Bool {
        let printable = decoded.filter { ($0 >= 0x20 && $0 < 0x7F) || SecretPatterns.isWhitespace($0) || $0 >= 0x80 }.count
        guard !decoded.isEmpty, Double(printable) >= printableShareMin * Double(decoded.count) else { return false }
        return decoded.withUnsafeBufferPointer { SecretPatterns.ranges(in: $0, carry: .none, endsMidWord: false) }.ranges.isEmpty == false
    }
}
