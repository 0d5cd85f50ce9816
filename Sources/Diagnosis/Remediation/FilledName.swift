/// What a remediation hole may put into a command: a plain name — a package, a unit, a program — never an option,
/// a removal (`apt-get install NAME-`), a path or shell syntax (`StepBuilder`). A value that came from a failed
/// step's output is the text of whoever wrote that output.
enum FilledName {
    /// The longest name a package manager takes (npm's and Debian's limit).
    static let bytesMax = 214

    /// Why `value` is not a plain name (first character a letter or digit; letters, digits and `.` `_` `+` `@` `:`
    /// `-` after it; not ending in `-` or `+`), or nil when it is one.
    static func problem(with value: String) -> String? {
        let allowed = value.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._+@:-".unicodeScalars.contains($0)) }
        guard let first = value.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic || ("0"..."9").contains(first),
            allowed, value.utf8.count <= bytesMax, value.last != "-", value.last != "+"
        else { return "the value '\(shown(value))' from the output is not a plain name (a letter or digit first; letters, digits, . _ + @ : - after it; no - or + last)" }
        return nil
    }

    /// `value` as one line of printable ASCII, cut short: it is the output's text, shown in a reason.
    private static func shown(_ value: String) -> String {
        let printable = value.unicodeScalars.prefix(80).map { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F ? String($0) : "?" }.joined()
        return value.unicodeScalars.count > 80 ? printable + "…" : printable
    }
}
