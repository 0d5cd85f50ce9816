import InstallModel

/// Text from a log, a bundle or a recipe, made safe to write to a terminal: every character that
/// would act instead of showing is written as a visible escape — C0 controls and DEL (`\x1b`, `\a`
/// as `\x07`, `\r`, `\n`, `\t`), C1 controls (U+0080…U+009F: `\x9b` is a CSI), bidirectional controls
/// and the Unicode line and paragraph separators (`\u{202e}`), and the zero-width characters (`\u{200b}`) — so no
/// label, id, argv word, reason or note can clear the screen, set a title, move the cursor, reorder a line, start a
/// line of its own or hide a character (`Unicode.Scalar.isEscapedWhenShown`).
///
/// The one place that rule lives: every renderer shows a log-supplied string through it
/// (`"\(shown: label)"`). Command output is not such a string: it keeps its terminal rendering
/// (`TerminalLine`, `LineCleaner`).
public struct NeutralText: CustomStringConvertible, Hashable, Sendable {
    /// The text with every acting character escaped.
    public let description: String

    public init(_ raw: some StringProtocol) {
        description = raw.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F } ? String(raw) : NeutralText.escaped(raw.unicodeScalars)
    }

    /// Whether a terminal (or a text view) acts on `scalar` rather than showing it.
    public static func acts(_ scalar: Unicode.Scalar) -> Bool { scalar.actsInText }

    /// How an acting scalar is shown: `\n`, `\r`, `\t`, `\xHH` up to U+00FF, else `\u{H…}`.
    public static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\t": return "\\t"
        default:
            let hex = String(scalar.value, radix: 16)
            return scalar.value <= 0xFF ? "\\x" + (hex.count == 1 ? "0" + hex : hex) : "\\u{" + hex + "}"
        }
    }

    private static func escaped(_ scalars: some Sequence<Unicode.Scalar>) -> String {
        var out = String.UnicodeScalarView()
        for scalar in scalars {
            if scalar.isEscapedWhenShown { out.append(contentsOf: escape(scalar).unicodeScalars) } else { out.append(scalar) }
        }
        return String(out)
    }
}

extension DefaultStringInterpolation {
    /// `"\(shown: step.label)"`: a log-supplied value as `NeutralText` shows it.
    public mutating func appendInterpolation(shown value: some CustomStringConvertible) {
        appendLiteral(NeutralText(value.description).description)
    }
}

extension Sequence where Element: CustomStringConvertible {
    /// The values shown one by one (`NeutralText`), joined: `"a, b"` from ids, `"apt-get install jq"` from argv.
    public func shown(joinedBy separator: String) -> String {
        map { NeutralText($0.description).description }.joined(separator: separator)
    }
}
