/// A credential's name as a symbol of a data literal, then its value as a string: Erlang's tuple
/// `{password, "X"}` (a proplist of a `sys.config`, `rabbitmq.config`), a Clojure/EDN keyword `{:password "X"}`, and
/// PHP's `serialize()` `s:8:"password";s:12:"X";` (a session or cache dump). The symbol's syntax ties the string to the name.
extension SecretScan {
    /// `{password, "X"}` or `:password "X"` with `name` the credential's name (a strong one): its string. Whether it was one.
    mutating func symbolValue(name: Range<Int>) -> Bool {
        guard name.lowerBound > 0 else { return false }
        let before = data[name.lowerBound - 1]
        var index = name.upperBound
        if before == 0x7B {
            // An Erlang tuple: the atom, a comma, the string.
            guard index < count, data[index] == 0x2C else { return false }
            index += 1
        } else if before == 0x3A {
            // A keyword (not Ruby's `::Const`, not a `key:value`), then spaces.
            guard name.lowerBound == 1 || SecretScan.keywordOpeners.contains(data[name.lowerBound - 2]), index < count, data[index] == 0x20 else { return false }
        } else {
            return false
        }
        while index < count, data[index] == 0x20 { index += 1 }
        guard index < count, data[index] == 0x22, let value = closedQuote(from: index),
            CredentialName.kind(of: data, name.lowerBound, name.upperBound) == .strong, !SecretValueShape.isPlaceholder(data, value)
        else { return false }
        add(value)
        return true
    }

    /// What may stand before a keyword's `:` (a map's or a list's opening, a space, a comma).
    private static let keywordOpeners: Set<UInt8> = [0x7B, 0x28, 0x5B, 0x20, 0x2C, 0x0A]

    /// The index after PHP's `;s:<length>:` at `index` (the type and length of a serialized string), if there.
    func serializedLength(at index: Int) -> Int? {
        guard index + 4 < count, data[index] == 0x3B, data[index + 1] == 0x73, data[index + 2] == 0x3A else { return nil }
        var end = index + 3
        while end < count, end - index < 12, SecretPatterns.isDigit(data[end]) { end += 1 }
        return end > index + 3 && end < count && data[end] == 0x3A ? end + 1 : nil
    }
}
