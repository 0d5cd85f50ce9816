import InstallModel

/// The options a language method's `args:` may add to its installer's command: an allow-list per installer of
/// flags that change what is built, never where it comes from, where it goes or what runs while building
/// (`--config`, `-toolexec`, `--index-url`, `--registry`, a second `--prefix` are all refused).
enum InstallerOptionGrammar {
    /// Flags that stand alone, per installer.
    static let flags: [PackageManager: Set<String>] = [
        .cargo: ["--locked", "--no-default-features", "--all-features"],
        .pipx: ["--include-deps"],
    ]
    /// Flags that take one value, per installer (as `--flag value` or `--flag=value`).
    static let valued: [PackageManager: Set<String>] = [.cargo: ["--features", "-F"]]

    /// What is wrong with `arguments` for `installer`, or nil.
    static func problem(with arguments: [String], for installer: PackageManager) -> String? {
        let allowed = (flags[installer] ?? []).union(valued[installer] ?? [])
        let list = allowed.isEmpty ? "none" : allowed.sorted().joined(separator: ", ")
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            let parts = argument.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let flag = String(parts[0])
            if flags[installer]?.contains(flag) == true, parts.count == 1 { continue }
            if valued[installer]?.contains(flag) == true {
                let value = parts.count == 2 ? String(parts[1]) : rest.popFirst()
                if let value, isFeatureList(value) { continue }
                return "\(GrammarText.shown(argument)) needs a value of feature names (letters, digits, '_', '-', '/', ',')"
            }
            return "\(GrammarText.shown(argument)) is not an option evlog lets a recipe pass to \(installer.rawValue) (allowed: \(list))"
        }
        return nil
    }

    private static func isFeatureList(_ value: String) -> Bool {
        !value.isEmpty && !value.hasPrefix("-")
            && value.allSatisfy { GrammarText.isASCIIAlphanumeric($0) || "_-/,".contains($0) }
    }
}
