/// OSC 52 (`ESC ] 52 ; c ; BASE64 BEL`): a program setting the terminal's clipboard, which a password
/// manager or `pass -c` over ssh does with the secret itself. The payload is never shown by a terminal,
/// and is redacted whatever it decodes to.
enum ClipboardEscape {
    private static let introducer: [UInt8] = [0x1B, 0x5D, 0x35, 0x32, 0x3B]

    /// The payloads of the OSC 52 sequences in `data` (after the selection parameter, to BEL, `ESC \`,
    /// a line end or the region's end).
    static func payloads(in data: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var index = 0
        while index + introducer.count <= data.count {
            guard data[index] == 0x1B, introducer.indices.allSatisfy({ data[index + $0] == introducer[$0] }) else {
                index += 1
                continue
            }
            var start = index + introducer.count
            while start < data.count, data[start] != 0x3B, data[start] != 0x07, data[start] != 0x1B, !SecretPatterns.isLineEnd(data[start]) { start += 1 }
            if start < data.count, data[start] == 0x3B { start += 1 }
            var end = start
            while end < data.count, data[end] != 0x07, data[end] != 0x1B, !SecretPatterns.isLineEnd(data[end]) { end += 1 }
            // `?` asks for the clipboard: no payload.
            if end > start, !(end - start == 1 && data[start] == 0x3F) { ranges.append(start..<end) }
            index = end
        }
        return ranges
    }
}
