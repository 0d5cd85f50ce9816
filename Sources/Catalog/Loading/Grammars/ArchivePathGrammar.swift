/// A path inside a release archive (`path:`, `ripgrep-{version}-x86_64-unknown-linux-musl/rg`) or a release's
/// `owner/name`: relative, plain names joined by `/`, no `.`, `..` or empty element. `{name}` holes are checked as
/// if filled.
enum ArchivePathGrammar {
    static func problem(with path: String) -> String? {
        guard let text = GrammarText.filled(path) else { return "holds an unknown {placeholder} or a stray brace" }
        let elements = text.split(separator: "/", omittingEmptySubsequences: false)
        guard !text.hasPrefix("/"), text.count <= 1024, elements.allSatisfy(GrammarText.isPlainFileName) else {
            return "is not a relative path of plain names (no leading '/', no '..', no empty element)"
        }
        return nil
    }

    /// `owner/name`, each a plain name.
    static func problem(withRepository repository: String) -> String? {
        let elements = repository.split(separator: "/", omittingEmptySubsequences: false)
        guard elements.count == 2, elements.allSatisfy(GrammarText.isPlainFileName) else {
            return "is not owner/name (two plain names)"
        }
        return nil
    }
}
