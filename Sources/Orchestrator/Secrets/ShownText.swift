#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CSecretScan

/// Text as a reader sees it: the bytes a terminal does not show — escape sequences (`ESC [ … m`,
/// `ESC ] … BEL`, `ESC X`), NUL, backspace and the other C0 controls but tab and line ends, DEL, and
/// Unicode's format characters (zero-width spaces and joiners, bidi marks and overrides, the soft
/// hyphen, the BOM, tags) — taken out, and full-width ASCII (`ｐａｓｓｗｏｒｄ＝`) folded to ASCII, with
/// where each shown byte came from. A scan of it finds a key something was put inside or disguised
/// (`pass\e[0mword=X`, `pass\u{200B}word=X`); its ranges map back over the original bytes.
struct ShownText {
    /// The shown bytes.
    let bytes: [UInt8]
    /// For each shown byte, its index in the original text, and the index after the original bytes it
    /// stands for (three for a folded full-width character, six for `\\u0041`).
    private let origin: [Int]
    private let originEnd: [Int]
    /// The original text's length.
    private let originalCount: Int

    /// How the text is read.
    enum Reading {
        /// As a terminal shows it: hidden bytes taken out, full-width and look-alike letters folded.
        case shown
        /// The other way a terminal may show it, where a backspace lets the next byte replace the one
        /// before (`passx\bword=` shows `password=`) and the text of an operating system command is kept
        /// (an OSC 8 link's URL is stored, if not shown).
        case overwriting
        /// As a program reading it would decode it, one layer: `%XX` (URL encoding), JSON's `\u00XX` and `\xXX`
        /// escapes, and HTML's character references (`&quot;`, `&#34;`, `&#x22;`) as the bytes they stand for
        /// (`pass\u0077ord`, `%22password%22%3A`, `{&quot;password&quot;:…}`).
        case decoded
    }

    /// The text of `data` read as `reading` says, or nil when that reads every byte of it as it is (the
    /// common case, found by a vector scan for the bytes that may start something hidden or folded, or
    /// by `memchr` for the `%` and `\\` of an escape).
    init?(stripping data: UnsafeBufferPointer<UInt8>, reading: Reading = .shown) {
        guard let base = data.baseAddress else { return nil }
        let first: Int
        switch reading {
        case .decoded:
            guard let escape = ShownText.firstEscape(data) else { return nil }
            first = escape
        case .shown, .overwriting:
            first = evlog_first_invisible(base, data.count)
            guard first < data.count else { return nil }
        }
        switch reading {
        case .decoded: break
        case .overwriting:
            guard (first..<data.count).contains(where: { data[$0] == 0x08 || ShownText.startsCommandString(data, at: $0) }) else { return nil }
        case .shown:
            guard (first..<data.count).contains(where: { ShownText.hiddenLength(data, at: $0) > 0 || ShownText.folded(data, at: $0) != nil }) else { return nil }
        }
        let overwriting = reading == .overwriting
        var bytes: [UInt8] = []
        var origin: [Int] = []
        var originEnd: [Int] = []
        bytes.reserveCapacity(data.count)
        origin.reserveCapacity(data.count)
        originEnd.reserveCapacity(data.count)
        var index = 0
        while index < data.count {
            if overwriting, data[index] == 0x08 {
                if let last = bytes.last, !SecretPatterns.isLineEnd(last) {
                    bytes.removeLast()
                    origin.removeLast()
                    originEnd.removeLast()
                }
                index += 1
                continue
            }
            let hidden = overwriting && ShownText.startsCommandString(data, at: index) ? 2 : ShownText.hiddenLength(data, at: index)
            if hidden > 0 {
                index += hidden
                continue
            }
            let folded = (reading == .decoded ? ShownText.decodedEscape(data, at: index) : nil) ?? ShownText.folded(data, at: index)
            bytes.append(folded?.byte ?? data[index])
            origin.append(index)
            index += folded?.length ?? 1
            originEnd.append(index)
        }
        self.bytes = bytes
        self.origin = origin
        self.originEnd = originEnd
        originalCount = data.count
    }

    /// The index of the first `%XX`, `\\uXXXX`/`\\xXX` escape or HTML character reference in `data`, if any.
    private static func firstEscape(_ data: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = data.baseAddress else { return nil }
        var first: Int?
        for marker in [UInt8(0x25), 0x5C, 0x26] {
            var offset = 0
            while offset < data.count, let hit = memchr(base + offset, Int32(marker), data.count - offset) {
                let index = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if decodedEscape(data, at: index) != nil {
                    first = min(first ?? index, index)
                    break
                }
                offset = index + 1
            }
        }
        return first
    }

    /// The byte an escape at `index` stands for, and its length: `%XX` or `\\uXXXX` below U+0080 (`%DB_PASS%`
    /// is a Windows variable, not byte 0xDB), or `\\xXX`.
    private static func decodedEscape(_ data: UnsafeBufferPointer<UInt8>, at index: Int) -> (byte: UInt8, length: Int)? {
        let hex = { (offset: Int, digits: Int) -> UInt32? in
            guard index + offset + digits <= data.count else { return nil }
            var value: UInt32 = 0
            for position in (index + offset)..<(index + offset + digits) {
                guard let digit = SecretValueShape.hexValue(data[position]) else { return nil }
                value = value << 4 | UInt32(digit)
            }
            return value
        }
        if data[index] == 0x25, let value = hex(1, 2) { return value < 0x80 ? (UInt8(value), 3) : nil }
        if data[index] == 0x26 { return characterReference(data, at: index) }
        guard data[index] == 0x5C, index + 1 < data.count else { return nil }
        switch data[index + 1] {
        case 0x78: return hex(2, 2).map { (UInt8($0), 4) }
        case 0x75: return hex(2, 4).flatMap { $0 < 0x80 ? (UInt8($0), 6) : nil }
        default: return nil
        }
    }

    /// HTML's named references of the characters that delimit keys and values.
    private static let namedReferences: [(name: [UInt8], byte: UInt8)] = {
        let pairs: [(String, UInt8)] = [
            ("quot", 0x22), ("apos", 0x27), ("lt", 0x3C), ("gt", 0x3E), ("amp", 0x26), ("colon", 0x3A), ("sol", 0x2F), ("commat", 0x40), ("equals", 0x3D),
        ]
        return pairs.map { (name: Array($0.0.utf8), byte: $0.1) }
    }()

    /// The ASCII byte an HTML character reference at `index` (its `&`) stands for, and its length: a named one
    /// (`namedReferences`), or a number (`&#34;`, `&#x22;`) below 0x80 — always ended by `;`.
    private static func characterReference(_ data: UnsafeBufferPointer<UInt8>, at index: Int) -> (byte: UInt8, length: Int)? {
        var end = index + 1
        while end < data.count, end - index <= 8, data[end] != 0x3B { end += 1 }
        guard end < data.count, data[end] == 0x3B, end > index + 1 else { return nil }
        let body = Array(data[(index + 1)..<end])
        let length = end + 1 - index
        if body[0] == 0x23 {
            let hexadecimal = body.count > 1 && (body[1] | 0x20) == 0x78
            let digits = body.dropFirst(hexadecimal ? 2 : 1)
            guard !digits.isEmpty, digits.count <= 4 else { return nil }
            var value: UInt32 = 0
            for digit in digits {
                if hexadecimal {
                    guard let nibble = SecretValueShape.hexValue(digit) else { return nil }
                    value = value << 4 | UInt32(nibble)
                } else {
                    guard SecretPatterns.isDigit(digit) else { return nil }
                    value = value * 10 + UInt32(digit - 0x30)
                }
            }
            return value < 0x80 ? (UInt8(value), length) : nil
        }
        let name = body.map(SecretPatterns.lowercased)
        return namedReferences.first { $0.name == name }.map { ($0.byte, length) }
    }

    /// The index in the shown text of the first shown byte at or after `original`.
    func shownIndex(of original: Int) -> Int {
        var low = 0, high = origin.count
        while low < high {
            let middle = (low + high) / 2
            if origin[middle] < original { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The original bytes a range of shown bytes spans (hidden bytes inside it too; to the original's
    /// end when it runs to the shown text's end).
    func originalRange(of range: Range<Int>) -> Range<Int> {
        guard !range.isEmpty else { return originalCount..<originalCount }
        let upper = range.upperBound == origin.count ? originalCount : originEnd[range.upperBound - 1]
        return origin[range.lowerBound]..<upper
    }

    /// The ASCII byte a character at `index` is read as, and its length: a full-width character (U+FF01
    /// to U+FF5E, `EF BC 81` to `EF BD 9E`), or a Cyrillic, Greek or Latin letter that looks like an ASCII
    /// one (`LookalikeLetters`) in a word that has ASCII letters (`pаssword` with U+0430; a word all of
    /// another script, `пароль`, is read as it is).
    private static func folded(_ data: UnsafeBufferPointer<UInt8>, at index: Int) -> (byte: UInt8, length: Int)? {
        let lead = data[index]
        if LookalikeLetters.mayStart(lead) {
            guard let letter = LookalikeLetters.ascii(data, at: index), LookalikeLetters.inMixedWord(data, at: index) else { return nil }
            return (letter, 2)
        }
        guard lead == 0xEF, index + 2 < data.count else { return nil }
        let (second, third) = (data[index + 1], data[index + 2])
        if second == 0xBC, (0x81...0xBF).contains(third) { return (third - 0x81 + 0x21, 3) }
        if second == 0xBD, (0x80...0x9E).contains(third) { return (third - 0x80 + 0x60, 3) }
        return nil
    }

    /// The length of the format character (Unicode's category Cf, as UTF-8) at `index`, or 0: U+00AD,
    /// U+061C, U+180E, U+200B–U+200F, U+202A–U+202E, U+2060–U+2064, U+2066–U+206F, U+FEFF, the tags U+E0001–U+E007F.
    private static func formatCharacterLength(_ data: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let count = data.count - index
        guard count >= 2 else { return 0 }
        let (a, b) = (data[index], data[index + 1])
        if (a == 0xC2 && b == 0xAD) || (a == 0xD8 && b == 0x9C) { return 2 }
        guard count >= 3 else { return 0 }
        let c = data[index + 2]
        switch (a, b) {
        case (0xE1, 0xA0): return c == 0x8E ? 3 : 0
        case (0xE2, 0x80): return (0x8B...0x8F).contains(c) || (0xAA...0xAE).contains(c) ? 3 : 0
        case (0xE2, 0x81): return (0xA0...0xA4).contains(c) || (0xA6...0xAF).contains(c) ? 3 : 0
        case (0xEF, 0xBB): return c == 0xBF ? 3 : 0
        case (0xF3, 0xA0):
            guard count >= 4 else { return 0 }
            return (c == 0x80 && (data[index + 3] == 0x81 || data[index + 3] >= 0xA0)) || (c == 0x81 && data[index + 3] <= 0xBF) ? 4 : 0
        default: return 0
        }
    }

    /// Whether an OSC, DCS, APC or PM string starts at `index` (`ESC ]`, `ESC P`, `ESC _`, `ESC ^`).
    private static func startsCommandString(_ data: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard data[index] == 0x1B, index + 1 < data.count else { return false }
        let next = data[index + 1]
        return next == 0x5D || next == 0x50 || next == 0x5F || next == 0x5E
    }

    /// How many bytes from `index` a terminal does not show (0: the byte is shown).
    private static func hiddenLength(_ data: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let byte = data[index]
        if byte >= 0xC2 { return formatCharacterLength(data, at: index) }
        guard (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0x7F else { return 0 }
        guard byte == 0x1B, index + 1 < data.count else { return 1 }
        var end = index + 2
        switch data[index + 1] {
        case 0x5B:
            // CSI: parameter and intermediate bytes, then one final byte.
            while end < data.count, (0x20...0x3F).contains(data[end]) { end += 1 }
            return end < data.count && (0x40...0x7E).contains(data[end]) ? end + 1 - index : end - index
        case 0x5D, 0x50, 0x5F, 0x5E:
            // OSC, DCS, APC, PM: a string up to BEL or ESC \.
            while end < data.count, data[end] != 0x07, data[end] != 0x1B, !SecretPatterns.isLineEnd(data[end]) { end += 1 }
            if end < data.count, data[end] == 0x07 { return end + 1 - index }
            if end + 1 < data.count, data[end] == 0x1B, data[end + 1] == 0x5C { return end + 2 - index }
            return end - index
        default:
            // ESC, intermediate bytes (`ESC ( B`), a final byte.
            end = index + 1
            while end < data.count, (0x20...0x2F).contains(data[end]) { end += 1 }
            return end < data.count && (0x30...0x7E).contains(data[end]) ? end + 1 - index : end - index
        }
    }
}
