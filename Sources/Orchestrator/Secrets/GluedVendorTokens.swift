/// Vendor tokens whose prefix is glued to their body with no separator (secrets20 #17): a known prefix that starts
/// a long word, then a body of its tokens' bytes with letters and digits mixed as random bytes have them — NuGet
/// `oy2…`, Facebook `EAA…`, Bitbucket app passwords `ATBB…`, Firebase `APA91b…`, Google refresh tokens `1//0…`;
/// and a key with its data centre glued after it (Mailchimp's `<32 hex>-us6`: no checksum has such a tail).
/// Found in the long words `prefixedRandomTokens` looks at; the body is redacted, the prefix stays. A guess.
extension SecretScan {
    static let gluedTokenPrefixes: [TokenPrefix] = [
        TokenPrefix("oy2", .alphanumeric, min: 40), TokenPrefix("EAA", .alphanumeric, min: 60), TokenPrefix("ATBB", .alphanumeric, min: 28),
        TokenPrefix("APA91b", .dashed, min: 100), TokenPrefix("1//0", .dashed, min: 40),
    ]

    /// The body of the token that `word` is, if it is one.
    mutating func gluedVendorToken(in word: Range<Int>) {
        for shape in SecretScan.gluedTokenPrefixes where word.count > shape.prefix.count + shape.bodyMin - 1 {
            guard data[word.lowerBound..<(word.lowerBound + shape.prefix.count)].elementsEqual(shape.prefix) else { continue }
            let body = (word.lowerBound + shape.prefix.count)..<word.upperBound
            var letters = false, digits = false
            for index in body {
                guard shape.body.allows(data[index]) else { return }
                if SecretPatterns.isDigit(data[index]) { digits = true } else if SecretPatterns.isLetter(data[index]) { letters = true }
            }
            if letters, digits, SecretValueShape.entropy(data, body) >= SecretScan.gluedTokenEntropyMin { addGuess(body) }
            return
        }
    }

    /// `<32 hex>-<2 small letters><1 or 2 digits>`, the whole word: the hex is redacted, the data centre stays.
    mutating func dataCentreSuffixedKey(in word: Range<Int>) {
        let hexEnd = word.lowerBound + 32
        guard word.count >= 36, word.count <= 37, data[hexEnd] == 0x2D, (word.lowerBound..<hexEnd).allSatisfy({ SecretValueShape.isHexDigit(data[$0]) }),
            (hexEnd + 1...hexEnd + 2).allSatisfy({ data[$0] >= 0x61 && data[$0] <= 0x7A }),
            ((hexEnd + 3)..<word.upperBound).allSatisfy({ SecretPatterns.isDigit(data[$0]) })
        else { return }
        addGuess(word.lowerBound..<hexEnd)
    }

    /// Bits per byte a glued body must reach (random base32 has 5; a run of one letter, or a word, far less).
    private static let gluedTokenEntropyMin = 3.5
}
