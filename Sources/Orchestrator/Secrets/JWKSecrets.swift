/// The private members of a JSON Web Key: `d`, `p`, `q`, `dp`, `dq`, `qi` of an RSA or EC key and `k`
/// of a symmetric one. Their keys name nothing on their own, so the value decides: a string of base64url
/// (what every JWK member is) long enough for key material, never a date, a word or a path.
extension SecretScan {
    private static let jwkPrivateMembers: Set<[UInt8]> = Set(["d", "p", "q", "dp", "dq", "qi", "k"].map { Array($0.utf8) })
    /// The shortest private member value redacted (a 128-bit `k` is 22 bytes).
    static let jwkValueBytesMin = 16

    /// After a quoted key whose closing quote is at `keyEnd` and its `:`: whether it is a JWK private
    /// member with a value of key material (redacted; a value the region cuts goes on in the next).
    mutating func jwkPrivateMember(keyEnd: Int, valueFrom start: Int) -> Bool {
        var keyStart = keyEnd
        while keyStart > 0, keyEnd - keyStart < 2, SecretPatterns.isLetter(data[keyStart - 1]) { keyStart -= 1 }
        guard keyStart > 0, data[keyStart - 1] == data[keyEnd], SecretScan.jwkPrivateMembers.contains(Array(data[keyStart..<keyEnd])) else { return false }
        var valueStart = start
        while valueStart < count, SecretPatterns.isWhitespace(data[valueStart]) { valueStart += 1 }
        guard valueStart < count, data[valueStart] == 0x22 else { return false }
        let value = quoted(from: valueStart)
        guard value.allSatisfy({ SecretScan.isBase64URLByte(data[$0]) }) else { return false }
        if value.upperBound == count {
            add(value)
            pending = .continueWord
            return true
        }
        guard value.count >= SecretScan.jwkValueBytesMin, SecretValueShape.looksLikeSecret(data, value) else { return false }
        add(value)
        return true
    }

    static func isBase64URLByte(_ byte: UInt8) -> Bool {
        SecretPatterns.isLetter(byte) || SecretPatterns.isDigit(byte) || byte == 0x2D || byte == 0x5F || byte == 0x3D
    }
}
