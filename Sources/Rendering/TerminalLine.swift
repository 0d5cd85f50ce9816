#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One line of program output as a terminal would leave it on screen, for views that print lines
/// (the line view, output tails, the HTML report): a carriage return goes back to column 0 and what
/// follows overwrites (so a progress bar shows its final state and `\r\n` is an ordinary line end),
/// a backspace goes back one column, `ESC [ K` erases to the end of the line. SGR colour sequences are
/// kept when asked (and reset at the end, so colour never leaks into evlog's own text); every other
/// escape sequence (cursor movement, titles, modes) and control character is dropped, so nothing a
/// tool prints can move evlog's cursor. A tab is a space.
public enum TerminalLine {
    /// The visible bytes of `raw`, one line of output without its newline.
    public static func render(_ raw: some Collection<UInt8>, keepColor: Bool) -> [UInt8] {
        if let plain = raw.withContiguousStorageIfAvailable(plainText), let plain { return plain }
        var screen = Screen(keepColor: keepColor)
        var bytes = raw.makeIterator()
        while let byte = bytes.next() {
            switch byte {
            case 0x1B: screen.escape(&bytes)
            case 0x0D: screen.column = 0
            case 0x08: screen.column = max(0, screen.column - 1)
            case 0x09: screen.put([0x20])
            case 0x00..<0x20, 0x7F: continue
            case 0x80..<0xC0: continue  // a stray continuation byte
            default:
                var character = [byte]
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
                while character.count < length, let next = bytes.next() { character.append(next) }
                // A C1 control (U+009B is a CSI), a bidi control or a line separator acts: dropped like C0.
                if length > 1, String(decoding: character, as: UTF8.self).unicodeScalars.contains(where: NeutralText.acts) { continue }
                screen.put(character)
            }
        }
        return screen.bytes
    }

    /// Text from a log or a request shown beside output (diagnosis evidence, an echoed search term) as
    /// output is drawn: escape sequences consumed whole (an OSC's payload too), controls and the scalars
    /// a terminal acts on (bidirectional controls) dropped, never written as an escape.
    public static func shown(_ text: String) -> String {
        String(decoding: render(Array(text.utf8), keepColor: false), as: UTF8.self)
    }

    /// What `render` gives for a line of printable ASCII, tabs and carriage returns (a `\r\n` line end,
    /// a progress bar redrawn with `\r`: the common cases) without building a screen of cells: each
    /// byte overwrites its column, a carriage return goes back to column 0, a tab is a space. Nil for
    /// anything else.
    private static func plainText(_ raw: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var text: [UInt8] = []
        text.reserveCapacity(raw.count)
        var column = 0
        for byte in raw {
            let shown: UInt8
            switch byte {
            case 0x20...0x7E: shown = byte
            case 0x09: shown = 0x20
            case 0x0D:
                column = 0
                continue
            default: return nil
            }
            if column < text.count { text[column] = shown } else { text.append(shown) }
            column += 1
        }
        return text
    }

    /// Whether `bytes` hold anything `render` would change apart from tabs: a carriage return,
    /// a backspace or an escape. Three memchr passes, so plain output stays on the fast path.
    public static func needsRendering(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return false }
        return memchr(base, 0x0D, bytes.count) != nil || memchr(base, 0x1B, bytes.count) != nil
            || memchr(base, 0x08, bytes.count) != nil || hasActingScalars(bytes)
    }

    /// Whether `bytes` hold any control character (tab included), or a C1 or bidi control: lines
    /// without one are shown as they are.
    static func hasControlCharacters(_ bytes: some Sequence<UInt8>) -> Bool {
        bytes.contains { $0 < 0x20 || $0 == 0x7F } || hasActingScalars(bytes)
    }

    /// Whether `bytes` hold the UTF-8 of a non-ASCII scalar a terminal acts on (`NeutralText.acts`): a C1
    /// control (`C2 80`–`C2 9F`), U+061C (`D8 9C`), U+200E/F and U+2028–202E (`E2 80 …`), U+2066–2069
    /// (`E2 81 A6`–`A9`) — every one there is. Found by memchr on their lead bytes, without decoding, so
    /// output with accented letters stays on the fast path.
    static func hasActingScalars(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress, bytes.count >= 2 else { return false }
        for lead: UInt8 in [0xC2, 0xD8, 0xE2] {
            var from = 0
            while from < bytes.count - 1, let hit = memchr(base + from, Int32(lead), bytes.count - 1 - from) {
                let index = base.distance(to: UnsafeRawPointer(hit))
                let next = bytes[index + 1]
                let third: UInt8 = index + 2 < bytes.count ? bytes[index + 2] : 0
                switch lead {
                case 0xC2: if next >= 0x80 && next <= 0x9F { return true }
                case 0xD8: if next == 0x9C { return true }
                default:
                    if next == 0x80 && (third == 0x8E || third == 0x8F || (third >= 0xA8 && third <= 0xAE)) { return true }
                    if next == 0x81 && third >= 0xA6 && third <= 0xA9 { return true }
                }
                from = index + 1
            }
        }
        return false
    }

    private static func hasActingScalars(_ bytes: some Sequence<UInt8>) -> Bool {
        Array(bytes).withUnsafeBytes { hasActingScalars($0) }
    }

    /// The cells of one line and the cursor.
    private struct Screen {
        let keepColor: Bool
        /// One visible character per column, each with the colour sequences written just before it.
        var cells: [[UInt8]] = []
        var column = 0
        /// Colour sequences not yet attached to a character.
        var pendingColor: [UInt8] = []
        var sawColor = false

        init(keepColor: Bool) { self.keepColor = keepColor }

        mutating func put(_ character: [UInt8]) {
            let cell = pendingColor.isEmpty ? character : pendingColor + character
            pendingColor.removeAll()
            while cells.count < column { cells.append([0x20]) }
            if column < cells.count { cells[column] = cell } else { cells.append(cell) }
            column += 1
        }

        /// Reads one escape sequence after its ESC and applies it (colour, erase) or drops it. An OSC ends at
        /// BEL or at ST (`ESC \`, both bytes consumed); an ESC followed by anything else ends it too and starts
        /// the next sequence, as a terminal reads it.
        mutating func escape(_ bytes: inout some IteratorProtocol<UInt8>) {
            var next = bytes.next()
            while let kind = next {
                next = nil
                sequence(kind, &bytes, then: &next)
            }
        }

        /// One sequence whose kind byte (after ESC) is `kind`; `then` is the kind of a sequence that cut it short.
        private mutating func sequence(_ kind: UInt8, _ bytes: inout some IteratorProtocol<UInt8>, then: inout UInt8?) {
            switch kind {
            case 0x5B:  // CSI: parameters and intermediates 0x20…0x3F, then a final byte 0x40…0x7E
                var sequence: [UInt8] = [0x1B, 0x5B]
                while let byte = bytes.next() {
                    sequence.append(byte)
                    if byte >= 0x40 && byte <= 0x7E { break }
                    if sequence.count > Screen.sequenceBytesMax { return }
                }
                switch sequence.last {
                case 0x6D:  // m: colour and style
                    guard keepColor else { return }
                    pendingColor += sequence
                    sawColor = true
                case 0x4B:  // K: erase in line; 0 (default) to the end, 2 the whole line, 1 up to the cursor
                    let parameter = sequence.count > 3 ? sequence[2] : 0x30
                    if parameter == 0x32 {
                        cells.removeAll()
                    } else if parameter == 0x31 {
                        for index in 0..<min(column + 1, cells.count) { cells[index] = [0x20] }
                    } else if column < cells.count {
                        cells.removeSubrange(column...)
                    }
                default:
                    return  // cursor movement, scrolling, modes: never passed on
                }
            case 0x5D:  // OSC (a title, an OSC-8 hyperlink): dropped up to BEL or ST
                while let byte = bytes.next(), byte != 0x07 {
                    guard byte == 0x1B else { continue }
                    let after = bytes.next()
                    if after != 0x5C { then = after }
                    return
                }
            default:
                return  // a two-byte sequence (charset, keypad mode)
            }
        }

        var bytes: [UInt8] {
            var out = cells.flatMap { $0 }
            if keepColor && sawColor {
                out += pendingColor
                out += [0x1B, 0x5B, 0x30, 0x6D]
            }
            return out
        }

        /// A longer "sequence" is garbage; it is dropped rather than read to the end of the line.
        static let sequenceBytesMax = 64
    }
}
