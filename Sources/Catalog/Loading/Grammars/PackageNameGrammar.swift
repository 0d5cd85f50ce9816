import InstallModel

/// The names each package manager accepts for a package, as the recipes may give them: Debian policy names for
/// apt, RPM names for dnf, yum and zypper, apk's, pacman's, Homebrew formulae (tapped `user/repo/formula` too), snap
/// names, PEP 508 names with extras for pip and pipx, npm names with scopes, crate names, Go module paths (with
/// `@version`), gem names. None starts with `-`, so none reads as an option.
enum PackageNameGrammar {
    /// What is wrong with `name` as a package of `manager`, or nil when it is one.
    static func problem(with name: String, for manager: PackageManager) -> String? {
        let text = Substring(name)
        let good: Bool
        switch manager {
        case .apt: good = isDebianName(text)
        case .dnf, .yum, .zypper, .apk, .gem: good = starts(text) && GrammarText.consists(of: text, alphanumericsAnd: "._+-")
        case .pacman: good = starts(text, also: "@_+") && GrammarText.consists(of: text, alphanumericsAnd: "@._+-")
        case .brew: good = isBrewName(text)
        case .snap: good = starts(text) && text.allSatisfy { GrammarText.isLowercaseAlphanumeric($0) || $0 == "-" } && text.count <= 40
        case .pip, .pipx: good = isPythonRequirementName(text)
        case .npm: good = isNpmName(text)
        case .cargo: good = isCrateName(text)
        case .go: good = isGoPackage(text)
        }
        return good ? nil : "is not \(article(manager)) \(manager.rawValue) package name (\(rule(manager)))"
    }

    private static func starts(_ text: Substring, also extra: String = "") -> Bool {
        guard let first = text.first, text.count <= 214 else { return false }
        return GrammarText.isASCIIAlphanumeric(first) || extra.contains(first)
    }

    /// Debian policy §5.6.1: lowercase letters, digits, `+`, `-`, `.`; two characters or more, starting
    /// alphanumeric; an architecture qualifier (`:amd64`) may follow. Never ending in `-`: `apt-get install name-`
    /// removes the package (trust12 #12).
    private static func isDebianName(_ text: Substring) -> Bool {
        guard text.last != "-" else { return false }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count <= 2, let name = parts.first, name.count >= 2, name.count <= 214,
            let first = name.first, GrammarText.isLowercaseAlphanumeric(first),
            name.allSatisfy({ GrammarText.isLowercaseAlphanumeric($0) || "+-.".contains($0) })
        else { return false }
        guard parts.count == 2 else { return true }
        return !parts[1].isEmpty && parts[1].allSatisfy { GrammarText.isLowercaseAlphanumeric($0) || $0 == "-" }
    }

    /// `formula` or `user/repo/formula`; formulae may hold `@` (`python@3.13`).
    private static func isBrewName(_ text: Substring) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 3 else { return false }
        return parts.allSatisfy { starts($0) && GrammarText.consists(of: $0, alphanumericsAnd: "@._+-") }
    }

    /// PEP 508's name (letters, digits, `._-`, alphanumeric at both ends) with optional extras (`name[cli,s3]`).
    private static func isPythonRequirementName(_ text: Substring) -> Bool {
        var name = text
        if let open = text.firstIndex(of: "[") {
            guard text.last == "]" else { return false }
            let extras = text[text.index(after: open)..<text.index(before: text.endIndex)].split(separator: ",", omittingEmptySubsequences: false)
            guard extras.allSatisfy(isPythonIdentifier) else { return false }
            name = text[..<open]
        }
        return isPythonIdentifier(name)
    }

    private static func isPythonIdentifier(_ text: Substring) -> Bool {
        guard let first = text.first, let last = text.last, text.count <= 200 else { return false }
        return GrammarText.isASCIIAlphanumeric(first) && GrammarText.isASCIIAlphanumeric(last)
            && GrammarText.consists(of: text, alphanumericsAnd: "._-")
    }

    /// npm: lowercase, URL-safe, `@scope/name`, not starting with `.` or `_`, at most 214 characters.
    private static func isNpmName(_ text: Substring) -> Bool {
        guard text.count <= 214 else { return false }
        var parts = text.split(separator: "/", omittingEmptySubsequences: false)
        if text.first == "@" {
            guard parts.count == 2 else { return false }
            parts[0] = parts[0].dropFirst()
        } else if parts.count != 1 {
            return false
        }
        return parts.allSatisfy { part in
            guard let first = part.first, first != ".", first != "_", first != "-" else { return false }
            return part.allSatisfy { GrammarText.isLowercaseAlphanumeric($0) || "-._~".contains($0) }
        }
    }

    /// crates.io: ASCII letters, digits, `-` and `_`, starting with a letter, at most 64 characters.
    private static func isCrateName(_ text: Substring) -> Bool {
        guard let first = text.first, first.isLetter, first.isASCII, text.count <= 64 else { return false }
        return GrammarText.consists(of: text, alphanumericsAnd: "-_")
    }

    /// A Go module or package path (a dotted host first, then elements of letters, digits and `-._~+`, none `.` or
    /// `..`), with an optional `@version` (`latest`, `v1.2.3`).
    private static func isGoPackage(_ text: Substring) -> Bool {
        let pieces = text.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
        let path = pieces[0]
        if pieces.count == 2 {
            let version = pieces[1]
            guard let first = version.first, GrammarText.isASCIIAlphanumeric(first),
                GrammarText.consists(of: version, alphanumericsAnd: ".+-")
            else { return false }
        }
        let elements = path.split(separator: "/", omittingEmptySubsequences: false)
        guard let host = elements.first, host.contains("."), path.count <= 500 else { return false }
        return elements.allSatisfy { element in
            guard let first = element.first, let last = element.last, first != "-", first != ".", last != "." else { return false }
            return GrammarText.consists(of: element, alphanumericsAnd: "-._~+")
        }
    }

    private static func article(_ manager: PackageManager) -> String {
        ["apt", "apk", "npm"].contains(manager.rawValue) ? "an" : "a"
    }

    private static func rule(_ manager: PackageManager) -> String {
        switch manager {
        case .apt: "Debian policy: lowercase letters, digits, '+', '-', '.'; not ending in '-', which apt reads as 'remove'"
        case .brew: "a formula, or user/repo/formula"
        case .pip, .pipx: "a PEP 508 name, extras in [] allowed"
        case .npm: "lowercase, an optional @scope/"
        case .cargo: "letters, digits, '-', '_', starting with a letter"
        case .go: "a module path like example.com/tool/cmd, optionally @version"
        default: "letters, digits and '._+-', starting with a letter or digit"
        }
    }
}
