/// Key material by version (secrets15 F9: `vault read transit/export/encryption-key/NAME`, what a transit key's
/// export prints): under a name of keys, a map from version numbers to the raw keys — JSON's
/// `"keys":{"1":"X","2":"X"}`, the Go form of Vault's table `keys    map[1:X 2:X]`. A map keyed by numbers whose
/// values look like secrets is the keys themselves; a bare `keys` names nothing else (a JWKS `"keys": [` is public).
extension SecretScan {
    private static let keysWord = Array("keys".utf8)
    private static let goMapOpening = Array("map[".utf8)

    /// The secrets of the numbered map that starts after `from` (spaces before it), when `name` is `keys`.
    /// Whether one was there.
    mutating func versionedKeyMap(name: Range<Int>, from: Int) -> Bool {
        guard name.count == SecretScan.keysWord.count, SecretScan.keysWord.indices.allSatisfy({ SecretPatterns.lowercased(data[name.lowerBound + $0]) == SecretScan.keysWord[$0] })
        else { return false }
        var index = from
        while index < count, SecretPatterns.isSpace(data[index]) { index += 1 }
        let json = index < count && data[index] == 0x7B
        if json {
            index += 1
        } else {
            guard index + SecretScan.goMapOpening.count < count, data[index..<(index + SecretScan.goMapOpening.count)].elementsEqual(SecretScan.goMapOpening) else { return false }
            index += SecretScan.goMapOpening.count
        }
        var values: [Range<Int>] = []
        while index < count {
            while index < count, SecretPatterns.isWhitespace(data[index]) || data[index] == 0x2C { index += 1 }
            // The version: digits (quoted in JSON), then `:`.
            if json {
                guard index < count, data[index] == 0x22 else { break }
                index += 1
            }
            let version = index
            while index < count, SecretPatterns.isDigit(data[index]) { index += 1 }
            guard index > version else { break }
            if json {
                guard index < count, data[index] == 0x22 else { break }
                index += 1
            }
            guard index < count, data[index] == 0x3A else { break }
            index += 1
            while index < count, SecretPatterns.isSpace(data[index]) { index += 1 }
            let value: Range<Int>
            if json {
                guard index < count, data[index] == 0x22, let inside = closedQuote(from: index) else { break }
                value = inside
                index = inside.upperBound + 1
            } else {
                var end = index
                while end < count, !SecretPatterns.isWhitespace(data[end]), data[end] != 0x5D { end += 1 }
                value = index..<end
                index = end
            }
            // Key material, not a time or a count (`map[1:1712345678]`, a version's creation time).
            guard value.contains(where: { SecretPatterns.isLetter(data[$0]) }), SecretValueShape.looksLikeSecret(data, value) else { break }
            values.append(value)
        }
        for value in values { add(value) }
        return !values.isEmpty
    }
}
