import InstallModel

/// The words of a system profile (`--profile FILE`) that land in plans: the codename, distribution, version and
/// architecture fill repository source lines and URLs (`deb [arch={arch}] … {codename} main`), the name and
/// programs are shown and probed. Each is one plain word (letters, digits, `._+-~`, starting with a letter or
/// digit), so a profile file cannot add a second source line, an option or a path.
enum ProfileValueGrammar {
    /// What is wrong with `profile`'s words, naming the field, or nil.
    static func problem(with profile: SystemProfile) -> String? {
        var words: [(field: String, value: String)] = [
            ("name", profile.name), ("osFamily", profile.osFamily), ("distribution", profile.distribution),
            ("version", profile.version), ("arch", profile.arch),
        ]
        if let codename = profile.codename { words.append(("codename", codename)) }
        words += (profile.distributionLike ?? []).map { ("distributionLike", $0) }
        for (field, value) in words where !isPlainWord(value) {
            return "\(field): \(GrammarText.shown(value)) is not a plain word (letters, digits, '._+-~', starting with a letter or digit)"
        }
        for program in profile.programs ?? [] {
            if let problem = CommandNameGrammar.problem(withName: program) { return "programs: \(GrammarText.shown(program)) \(problem)" }
        }
        return nil
    }

    private static func isPlainWord(_ value: String) -> Bool {
        let text = Substring(value)
        guard let first = text.first, GrammarText.isASCIIAlphanumeric(first), text.count <= 64 else { return false }
        return GrammarText.consists(of: text, alphanumericsAnd: "._+-~")
    }
}
