import InstallModel

/// Text a recipe gives for people to read (`description`, a method's `note`, a notify `message`): printed by `plan`,
/// `catalog` and the run itself, so it holds nothing a terminal would act on (C0 but a newline, DEL, C1, bidi
/// controls, line separators: `Unicode.Scalar.actsInText`) and nothing that shows as nothing (zero-width
/// characters), which would reorder or hide what a person reads.
enum DisplayTextGrammar {
    static func problem(with text: String) -> String? {
        let hidden = text.unicodeScalars.contains { ($0.actsInText && $0 != "\n") || $0.isZeroWidth }
        return hidden ? "holds control, bidirectional or zero-width characters (a terminal would act on them or hide text)" : nil
    }
}
