/// What a recipe's `shell_env` puts in the user's shell profile (`export PATH="…:$PATH"`, `export NAME="value"`):
/// names are shell identifiers and values plain words (letters, digits, `._/:~@+=,-` and `{name}` holes), so nothing
/// in them can end the quoting or expand.
enum ShellProfileGrammar {
    static func problem(withName name: String) -> String? {
        guard let first = name.first, first == "_" || (first.isLetter && first.isASCII),
            GrammarText.consists(of: Substring(name), alphanumericsAnd: "_")
        else { return "is not a shell variable name (letters, digits, '_')" }
        return nil
    }

    static func problem(withValue value: String) -> String? {
        guard let text = GrammarText.filled(value), !text.isEmpty, text.count <= 1024,
            GrammarText.consists(of: Substring(text), alphanumericsAnd: "._/:~@+=,-")
        else { return "is not a plain value for a shell profile (letters, digits, '._/:~@+=,-'; no quotes, '$', spaces)" }
        return nil
    }
}
