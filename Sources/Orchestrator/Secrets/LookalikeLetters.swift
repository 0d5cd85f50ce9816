/// Cyrillic, Greek and Latin letters that look like ASCII ones (`а` U+0430 like `a`, `Ρ` U+03A1 like
/// `P`): a credential's name spelled with one (`pаssword`) is read as ASCII (`ShownText`), where the
/// word it is in also has ASCII letters. All are two bytes of UTF-8.
enum LookalikeLetters {
    private static let pairs: [(Unicode.Scalar, UInt8)] = [
        // Cyrillic.
        ("\u{0430}", 0x61), ("\u{0435}", 0x65), ("\u{043E}", 0x6F), ("\u{0440}", 0x70), ("\u{0441}", 0x63), ("\u{0443}", 0x79), ("\u{0445}", 0x78),
        ("\u{043A}", 0x6B), ("\u{0455}", 0x73), ("\u{0456}", 0x69), ("\u{0458}", 0x6A), ("\u{04BB}", 0x68), ("\u{0501}", 0x64), ("\u{051B}", 0x71),
        ("\u{051D}", 0x77), ("\u{0410}", 0x41), ("\u{0412}", 0x42), ("\u{0415}", 0x45), ("\u{041A}", 0x4B), ("\u{041C}", 0x4D), ("\u{041D}", 0x48),
        ("\u{041E}", 0x4F), ("\u{0420}", 0x50), ("\u{0421}", 0x43), ("\u{0422}", 0x54), ("\u{0423}", 0x59), ("\u{0425}", 0x58), ("\u{0405}", 0x53),
        ("\u{0406}", 0x49), ("\u{0408}", 0x4A),
        // Greek.
        ("\u{03B1}", 0x61), ("\u{03BF}", 0x6F), ("\u{03C1}", 0x70), ("\u{03BD}", 0x76), ("\u{03BA}", 0x6B), ("\u{03B9}", 0x69), ("\u{03C4}", 0x74),
        ("\u{03C5}", 0x75), ("\u{03B5}", 0x65), ("\u{03C7}", 0x78), ("\u{03B3}", 0x79), ("\u{0391}", 0x41), ("\u{0392}", 0x42), ("\u{0395}", 0x45),
        ("\u{0396}", 0x5A), ("\u{0397}", 0x48), ("\u{0399}", 0x49), ("\u{039A}", 0x4B), ("\u{039C}", 0x4D), ("\u{039D}", 0x4E), ("\u{039F}", 0x4F),
        ("\u{03A1}", 0x50), ("\u{03A4}", 0x54), ("\u{03A5}", 0x59), ("\u{03A7}", 0x58),
        // Latin letters of other blocks.
        ("\u{0131}", 0x69), ("\u{0251}", 0x61), ("\u{0261}", 0x67),
    ]
    /// The ASCII letter for each two-byte sequence (indexed lead << 8 | continuation), 0 for none.
    private static let table: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 1 << 16)
        for (scalar, ascii) in pairs {
            let bytes = Array(String(Character(scalar)).utf8)
            table[Int(bytes[0]) << 8 | Int(bytes[1])] = ascii
        }
        return table
    }()
    /// For each byte, whether a letter starts with it (`evlog_first_invisible` stops at each).
    private static let leads: [Bool] = {
        let firsts = Set(pairs.map { Array(String(Character($0.0)).utf8)[0] })
        return (0...255).map { firsts.contains(UInt8($0)) }
    }()

    static func mayStart(_ byte: UInt8) -> Bool { leads[Int(byte)] }

    /// The ASCII letter the character at `index` looks like, if it is one of these.
    static func ascii(_ data: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt8? {
        guard index + 1 < data.count else { return nil }
        let letter = table[Int(data[index]) << 8 | Int(data[index + 1])]
        return letter == 0 ? nil : letter
    }

    /// Whether the run of look-alike letters holding `index` touches an ASCII letter on either side.
    static func inMixedWord(_ data: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        var end = index
        while ascii(data, at: end) != nil { end += 2 }
        if end < data.count, SecretPatterns.isLetter(data[end]) { return true }
        var start = index
        while start >= 2, ascii(data, at: start - 2) != nil { start -= 2 }
        return start > 0 && SecretPatterns.isLetter(data[start - 1])
    }
}
