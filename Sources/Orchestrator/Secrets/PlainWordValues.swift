/// One plain word as the whole value of a `key: value` line. After a password's name that starts its
/// line (YAML, INI) it is the password however common the word (`password: admin`, `  db_password: hunter`):
/// a setting (`true`, `null`, `~`) aside. After another credential name a capitalised word is a label
/// (`Secret: Opaque`, the type `kubectl describe` prints), not a value.
extension SecretScan {
    /// `password: admin`: the name `name` (starting its line, or a quoted string: `printf '%s\n' 'password: admin'`)
    /// ends with a password word, `value` is a word of prose.
    func isPlainWordPassword(_ value: Range<Int>, name: Range<Int>) -> Bool {
        let startsQuote = name.lowerBound > 0 && SecretPatterns.isQuote(data[name.lowerBound - 1])
        return (startsLine(name.lowerBound) || startsQuote) && CredentialName.namesPassword(data, name.lowerBound, name.upperBound)
            && SecretValueShape.isProseWord(data, value) && !SecretValueShape.isPlaceholder(data, value)
    }

    /// `Secret: Opaque`: a name that is no password's, and a capital then small letters only.
    func isLabelWord(_ value: Range<Int>, name: Range<Int>) -> Bool {
        guard value.count >= 2, !CredentialName.namesPassword(data, name.lowerBound, name.upperBound) else { return false }
        let first = data[value.lowerBound]
        return first >= 0x41 && first <= 0x5A && value.dropFirst().allSatisfy { data[$0] >= 0x61 && data[$0] <= 0x7A }
    }
}
