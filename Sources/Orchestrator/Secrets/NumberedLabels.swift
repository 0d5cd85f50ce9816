/// A credential's name numbered before its colon (Vault's `Unseal Key 1: X`, `Recovery Key 3: X`,
/// `Token 2: X`): the rest of the line is the value, as after `password: `. The colon itself is no
/// trigger (a number before it names nothing), so the name's letters find it.
extension SecretScan {
    /// The most digits of a label's number.
    private static let labelDigitsMax = 3

    /// After the name that ends at `end`: whether ` N:` follows and the name is a credential's (its value redacted).
    mutating func numberedLabel(nameEnd end: Int) -> Bool {
        var digits = end
        while digits < count, data[digits] == 0x20, digits - end < 2 { digits += 1 }
        guard digits > end else { return false }
        var colon = digits
        while colon < count, SecretPatterns.isDigit(data[colon]), colon - digits < SecretScan.labelDigitsMax { colon += 1 }
        guard colon > digits, colon < count, data[colon] == 0x3A, colon + 1 == count || SecretPatterns.isWhitespace(data[colon + 1]),
            let key = credentialKey(endingAt: end), key.kind == .strong
        else { return false }
        applyValue(.restOfLine, from: colon + 1)
        return true
    }
}
