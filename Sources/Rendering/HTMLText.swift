import InstallModel

/// Escaping for text placed in HTML element content or attribute values.
public enum HTMLText {
    /// Printable ASCII but the five characters written as entities.
    private static func isShownAsItIs(_ byte: UInt8) -> Bool {
        byte >= 0x20 && byte <= 0x7E && byte != UInt8(ascii: "&") && byte != UInt8(ascii: "<") && byte != UInt8(ascii: ">")
            && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "'")
    }

    /// `&`, `<`, `>`, `"` and `'` as entities; tab and newline kept; every other character that acts
    /// rather than shows (controls, bidirectional overrides: `NeutralText.acts`) written as `NeutralText` escapes it.
    public static func escape(_ text: String) -> String {
        // Printable ASCII without markup (most output) is its own escape.
        if text.utf8.allSatisfy(isShownAsItIs) { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n", "\t": out.unicodeScalars.append(scalar)
            case _ where scalar.isEscapedWhenShown: out += NeutralText.escape(scalar)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
