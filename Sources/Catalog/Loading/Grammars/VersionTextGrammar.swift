/// A version or release series as a recipe writes it (`1.32`, `2024.12.14`, `v0.25.0`, `1.0.0-rc.1+b2`): letters,
/// digits and `._+-~`, starting with a letter or digit. It lands in paths and URLs, so never `/` or `..`.
enum VersionTextGrammar {
    static func problem(with version: String) -> String? {
        let text = Substring(version)
        guard let first = text.first, GrammarText.isASCIIAlphanumeric(first), text.count <= 64,
            GrammarText.consists(of: text, alphanumericsAnd: "._+-~"), !text.contains("..")
        else { return "is not a version (letters, digits and '._+-~', like 1.2.3)" }
        return nil
    }
}
