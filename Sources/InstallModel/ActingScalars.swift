extension Unicode.Scalar {
    /// Whether a terminal or a text view acts on this scalar instead of showing it: C0 and C1 controls and DEL
    /// (`U+009B` is a CSI), the line and paragraph separators, and the bidirectional controls (U+061C, U+200E/F,
    /// U+202A–202E, U+2066–2069) that reorder what follows. The one definition that `NeutralText` (terminal output),
    /// the JSON writer (`JSONOutput`) and the catalog's display-text grammar share.
    public var actsInText: Bool {
        switch properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: return true
        default: return properties.isBidiControl
        }
    }

    /// Whether it shows as nothing and so hides what is around it: the zero-width space, non-joiner and joiner,
    /// the word joiner, the invisible operators and the byte-order mark (U+200B–200D, U+2060–2064, U+FEFF).
    public var isZeroWidth: Bool { (0x200B...0x200D).contains(value) || (0x2060...0x2064).contains(value) || value == 0xFEFF }

    /// Whether text shown for people (a terminal line, an HTML page, a JSON string) writes it as an escape: it acts
    /// (`actsInText`) or it shows as nothing (`isZeroWidth`). `NeutralText`, `HTMLText` and `JSONOutput` share it.
    public var isEscapedWhenShown: Bool { actsInText || isZeroWidth }
}
