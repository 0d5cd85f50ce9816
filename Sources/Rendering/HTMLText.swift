import InstallModel

/// Escaping for text placed in HTML element content or attribute values.
public enum HTMLText {
    /// `&`, `<`, `>`, `"` and `'` as entities; tab and newline kept; every other character that acts
    /// rather than shows (controls, bidirectional overrides: `NeutralText.acts`) written as `NeutralText` escapes it.
    public static func escape(_ text: String) -> String {
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
