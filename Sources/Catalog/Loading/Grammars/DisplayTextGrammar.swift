import InstallModel

/// Text a recipe gives for people to read (`description`, a method's `note`, a notify `message`): printed by `plan`,
/// `catalog` and the run itself, so it holds nothing a terminal would act on (C0 but a newline, DEL, C1, bidi
/// controls, line separators: `Unicode.Scalar.actsInText`) and nothing that shows as nothing or as a blank — by
/// Unicode category, as the consent display judges argv (`PlanText.isInvisible`: format characters, default-ignorable
/// code points such as variation selectors and tags, private use, unassigned; blank-drawn letters; white space other
/// than the space), which would reorder, hide or pad what a person reads (trust16 #11).
enum DisplayTextGrammar {
    static func problem(with text: String) -> String? {
        let hidden = text.unicodeScalars.contains {
            ($0.actsInText && $0 != "\n") || $0.isZeroWidth || PlanText.isInvisible($0) || PlanText.isDrawnBlank($0)
                || ($0.properties.isWhitespace && $0 != " " && $0 != "\n")
        }
        return hidden ? "holds control, bidirectional, invisible or blank-looking characters (a terminal would act on them or hide text)" : nil
    }
}
