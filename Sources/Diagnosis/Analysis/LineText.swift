import Rendering

/// Cleans one raw output line for matching: ANSI escape sequences and control bytes out, spaces trimmed.
enum LineText {
    /// Evidence lines are cut to this many characters.
    static let evidenceCharactersMax = 300

    /// Writes the cleaned line into a reused buffer (its old contents replaced): a hot loop allocates nothing.
    static func clean(_ raw: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        // Fast path: most lines have no control bytes at all.
        if !raw.contains(where: { $0 < 32 || $0 == 127 }) {
            out.append(contentsOf: raw)
            while let last = out.last, last == 32 { out.removeLast() }
            return
        }
        out.reserveCapacity(raw.count)
        var index = raw.startIndex
        while index < raw.endIndex {
            let byte = raw[index]
            if byte == 0x1B {
                // CSI: ESC [ parameters final-byte(0x40…0x7E). A string (OSC `ESC ]`, DCS `ESC P`, SOS `ESC X`,
                // PM `ESC ^`, APC `ESC _`: a title, a hyperlink's target) up to BEL or ST (`ESC \`), its payload
                // never shown. Other escapes: drop ESC and the next byte.
                var next = raw.index(after: index)
                if next < raw.endIndex, raw[next] == 0x5B {
                    next = raw.index(after: next)
                    while next < raw.endIndex, !(0x40...0x7E).contains(raw[next]) { next = raw.index(after: next) }
                } else if next < raw.endIndex, [0x5D, 0x50, 0x58, 0x5E, 0x5F].contains(raw[next]) {
                    next = raw.index(after: next)
                    while next < raw.endIndex, raw[next] != 0x07, raw[next] != 0x1B { next = raw.index(after: next) }
                    // ST's backslash goes with it; an ESC that starts another sequence is read next.
                    if next < raw.endIndex, raw[next] == 0x1B, raw.index(after: next) < raw.endIndex, raw[raw.index(after: next)] == 0x5C {
                        next = raw.index(after: next)
                    } else if next < raw.endIndex, raw[next] == 0x1B {
                        index = next
                        continue
                    }
                }
                index = next < raw.endIndex ? raw.index(after: next) : next
                continue
            }
            if byte == 9 {
                out.append(32)
            } else if byte >= 32 && byte != 127 {
                out.append(byte)
            }
            index = raw.index(after: index)
        }
        while let last = out.last, last == 32 { out.removeLast() }
    }

    /// The line as evidence: decoded (invalid UTF-8 replaced), what a terminal acts on rather than shows
    /// (C1, bidirectional controls: `NeutralText.acts`) dropped as output drops it, leading spaces dropped,
    /// length-capped.
    static func evidence(_ bytes: [UInt8]) -> String {
        let decoded = String(decoding: bytes, as: UTF8.self)
        let text = decoded.unicodeScalars.contains(where: NeutralText.acts)
            ? String(String.UnicodeScalarView(decoded.unicodeScalars.filter { !NeutralText.acts($0) })) : decoded
        let trimmed = text.drop(while: { $0 == " " })
        if trimmed.count <= evidenceCharactersMax { return String(trimmed) }
        return String(trimmed.prefix(evidenceCharactersMax - 1)) + "…"
    }
}
