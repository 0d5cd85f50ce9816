/// What the value grammars share: character classes, recipe templates' `{name}` holes, and how a refused value is
/// shown in a one-line error (controls escaped, long values cut).
enum GrammarText {
    /// The holes recipe templates may hold (`Placeholders`, the release's `{version}` and `{asset}`, setup's `{bin}`).
    static let placeholders: Set<String> = [
        "arch", "uname_arch", "distro", "os_version", "os_major", "brew_prefix", "user", "codename", "channel",
        "version", "asset", "bin",
    ]

    /// `template` with each known `{name}` hole replaced by `filler`, or nil when it holds an unknown hole or a
    /// stray brace.
    static func filled(_ template: String, with filler: String = "x") -> String? {
        var result = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(where: { $0 == "{" || $0 == "}" }) {
            guard rest[open] == "{", let close = rest[open...].firstIndex(of: "}") else { return nil }
            let name = String(rest[rest.index(after: open)..<close])
            guard placeholders.contains(name) else { return nil }
            result += rest[..<open] + filler
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    static func isASCIIAlphanumeric(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue else { return false }
        return (48...57).contains(ascii) || (65...90).contains(ascii) || (97...122).contains(ascii)
    }

    static func isLowercaseAlphanumeric(_ character: Character) -> Bool {
        isASCIIAlphanumeric(character) && !(character.asciiValue.map { (65...90).contains($0) } ?? false)
    }

    /// Whether every character of `text` is an ASCII letter or digit or one of `extra`.
    static func consists(of text: Substring, alphanumericsAnd extra: String) -> Bool {
        text.allSatisfy { isASCIIAlphanumeric($0) || extra.contains($0) }
    }

    /// A file name with no directory: letters, digits, `._+-@`, not starting with `-` or `.`, not `.` or `..`.
    static func isPlainFileName(_ text: Substring) -> Bool {
        guard let first = text.first, first != "-", first != ".", text.count <= 255 else { return false }
        return consists(of: text, alphanumericsAnd: "._+-@")
    }

    /// `value` as an error message shows it: quoted, controls and non-ASCII escaped, at most 80 characters.
    static func shown(_ value: String) -> String {
        var text = ""
        for scalar in value.unicodeScalars.prefix(80) {
            text += scalar.isASCII && scalar.value >= 0x20 && scalar.value != 0x7F && scalar != "'" && scalar != "\\"
                ? String(scalar) : scalar.escaped(asASCII: true)
        }
        return "'" + text + (value.unicodeScalars.count > 80 ? "…" : "") + "'"
    }
}
