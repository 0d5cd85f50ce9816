/// Text a recipe gives for people to read (`description`, a method's `note`, a notify `message`): printed by `plan`,
/// `catalog` and the run itself, so it holds no control characters (C0, DEL, C1) that a terminal would act on.
enum DisplayTextGrammar {
    static func problem(with text: String) -> String? {
        let control = text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || (0x7F...0x9F).contains($0.value) }
        return control ? "holds control characters (escape sequences a terminal would act on)" : nil
    }
}
