import InstallModel

/// JSON written straight into an SSE frame's bytes, for the frames sent most (output chunks: a reconnect from
/// the middle of a 256 MB plan frames about two million lines): no encoder, no dictionary, no `String` per
/// frame. Strings are escaped as `JSONOutput` escapes them: `"` and `\`, every control below U+0020, and every
/// scalar that acts rather than shows (`isEscapedWhenShown`) as `\uXXXX` (a UTF-16 pair above U+FFFF);
/// the rest, `/` included, is written as it is.
enum FrameJSON {
    /// Appends `text` as a JSON string.
    static func appendString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var plain = true
        for byte in text.utf8 where byte < 0x20 || byte >= 0x7F || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
            plain = false
            break
        }
        if plain {
            out.append(contentsOf: text.utf8)
        } else {
            for scalar in text.unicodeScalars { append(scalar, to: &out) }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Appends `number` in decimal.
    static func appendNumber(_ number: some BinaryInteger, to out: inout [UInt8]) {
        out.append(contentsOf: String(number).utf8)
    }

    private static func append(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        switch scalar {
        case "\"": out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
        case "\\": out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
        case "\n": out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
        case "\r": out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
        case "\t": out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
        case _ where scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.isEscapedWhenShown):
            UTF16.encode(scalar) { appendEscaped($0, to: &out) }
        default:
            UTF8.encode(scalar) { out.append($0) }
        }
    }

    /// `\uXXXX`, lower-case hex.
    private static func appendEscaped(_ unit: UInt16, to out: inout [UInt8]) {
        out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u")])
        for shift in stride(from: 12, through: 0, by: -4) {
            let digit = UInt8((unit >> UInt16(shift)) & 0xF)
            out.append(digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10)
        }
    }
}
