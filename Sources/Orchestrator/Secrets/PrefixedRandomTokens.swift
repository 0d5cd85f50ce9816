import CSecretScan

/// Service tokens by their shape, with no table of services: a short word that names the service or the
/// kind of token (`figd`, `GOCSPX`, `pscale_tkn`, `SWMKEY-1`, `v4.local`, `sha256~`), a `_`, `-`, `.` or `~`,
/// then a long body with the bytes of a random one — capitals, small letters and digits, with the entropy
/// of random bytes; or a long run of hex digits after `_` or after a credential's name (`sbp_<hex>`,
/// Mailgun's `key-<hex>`: a bare `key` glued to a digest is one). Hash names before a `-` or `_` (`sha512-…`, an npm integrity) are checksums, not tokens,
/// and words with a path's `/` before the body are paths. The body is redacted, the prefix stays, to say
/// what leaked (all of it when the prefix itself looks random: Terraform Cloud's `<id>.atlasv1.<body>`).
/// Found by its shape alone, so a guess: redacted where it is, never learned.
extension SecretScan {
    /// The shortest body.
    static let prefixedTokenBodyMin = 24
    /// The longest prefix (before the first separator).
    private static let prefixedTokenPrefixMax = 16
    /// Bits per byte a mixed body must reach (random base62 of 24 bytes has about 4.3; names in code
    /// written in camel case stay near 3.8).
    private static let prefixedTokenEntropyMin = 4.0
    /// A hex body is this long at least (a checksum's short forms, build ids of 16, are not).
    private static let prefixedHexBodyMin = 32
    /// Names of hash functions: a digest after them is a checksum.
    private static let hashNames: Set<String> = ["sha1", "sha224", "sha256", "sha384", "sha512", "md5", "blake2b", "blake2s", "blake3", "xxh64", "xxh3", "crc32", "h1"]

    /// Every long word of the region that is such a token (or base64 of a text holding a secret: `EncodedSecrets`).
    mutating func prefixedRandomTokens() {
        guard let base = data.baseAddress else { return }
        // Base64 alone is looked at from `encodedBytesMin` bytes on (a token needs its prefix and separator more).
        let wordMin = min(2 + 1 + SecretScan.prefixedTokenBodyMin, SecretScan.encodedBytesMin)
        var from = 0
        while from < count {
            let start = evlog_next_long_word(base, count, from, wordMin)
            guard start < count else { return }
            var end = start
            while end < count, evlog_word40_delimiter(data[end]) == 0 { end += 1 }
            if followsHashName(start) {
                from = end + 1
                continue
            }
            prefixedRandomToken(in: start..<end)
            gluedVendorToken(in: start..<end)
            dataCentreSuffixedKey(in: start..<end)
            bareEncodedValue(in: start..<end)
            from = end + 1
        }
    }

    private mutating func prefixedRandomToken(in word: Range<Int>) {
        var start = word.lowerBound
        while start < word.upperBound, [0x28, 0x5B, 0x3C, 0x7B].contains(data[start]) { start += 1 }
        var end = word.upperBound
        while end > start, [0x29, 0x5D, 0x3E, 0x7D, 0x2E].contains(data[end - 1]) { end -= 1 }
        guard start < end, SecretPatterns.isLetter(data[start]) else { return }
        var separator = start
        while separator < end, separator - start <= SecretScan.prefixedTokenPrefixMax, SecretPatterns.isLetter(data[separator]) || SecretPatterns.isDigit(data[separator]) {
            separator += 1
        }
        guard separator - start >= 2, separator < end, [0x5F, 0x2D, 0x2E, 0x7E].contains(data[separator]) else { return }
        let first = start..<separator
        // Short parts after the first name the token's kind (`github_pat_`, `pscale_tkn_`, `v4.local.`, `SWMKEY-1-`).
        while true {
            var next = separator + 1
            while next < end, next - separator <= 7, SecretPatterns.isLetter(data[next]) || SecretPatterns.isDigit(data[next]) { next += 1 }
            guard next < end, next - separator - 1 <= 6, next > separator + 1, [0x5F, 0x2D, 0x2E, 0x7E].contains(data[next]) else { break }
            separator = next
        }
        let body = (separator + 1)..<end
        guard body.count >= SecretScan.prefixedTokenBodyMin, body.allSatisfy({ SecretScan.isPrefixedTokenByte(data[$0]) }), !holdsVersion(start..<end),
            !isNameSlug(body)
        else { return }
        let name = String(decoding: data[first].map(SecretPatterns.lowercased), as: UTF8.self)
        let tilde = data[separator] == 0x7E
        if SecretScan.hashNames.contains(name), !tilde { return }
        if looksRandomBody(body) {
            addGuess(SecretScan.isMixed(data, first, minimum: 1) ? first.lowerBound..<end : body)
        } else if looksRandomOneCaseBody(body) {
            addGuess(body)
        } else if isHexBody(body), data[separator] == 0x5F || CredentialName.kind(of: data, first.lowerBound, first.upperBound) != nil || name == "key",
            first.contains(where: { !SecretValueShape.isHexDigit(data[$0]) && SecretPatterns.isLetter(data[$0]) })
        {
            addGuess(body)
        }
    }

    /// Whether a body is words joined by `-`, `_`, `.` or `/` (a patch's file name, `0001-Force-baseline-POWER8-AltiVec-…
    /// .patch`; secrets20 #16): four parts or more, each written as a word is — digits, small letters, capitals of up to
    /// eight with digits after (`POWER8`), or capitals each starting a run of small letters (`Force`, `AltiVec`). A
    /// random body's parts are letters of either case mixed with digits.
    private func isNameSlug(_ body: Range<Int>) -> Bool {
        let parts = data[body].split(whereSeparator: { $0 == 0x2D || $0 == 0x5F || $0 == 0x2E || $0 == 0x2F })
        guard parts.count >= 4 else { return false }
        return parts.allSatisfy { part in
            let letters = part.prefix(while: SecretPatterns.isLetter)
            guard part.dropFirst(letters.count).allSatisfy(SecretPatterns.isDigit) else { return false }
            if letters.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) { return letters.count <= 8 }
            // Each capital starts a run of two small letters or more (`AltiVec`, `baseline`).
            var run = 2
            for byte in letters {
                if byte < 0x61 {
                    guard run >= 2 else { return false }
                    run = 0
                } else {
                    run += 1
                }
            }
            return run >= 2
        }
    }

    /// Whether the word at `start` is a digest a hash's name and `=` or `:` give (`sha256=<base64url>`, a wheel's
    /// RECORD line; secrets20 #16): a checksum, however random its bytes.
    func followsHashName(_ start: Int) -> Bool {
        guard start > 1, data[start - 1] == 0x3D || data[start - 1] == 0x3A else { return false }
        var nameStart = start - 1
        while nameStart > 0, start - nameStart <= 8, SecretPatterns.isLetter(data[nameStart - 1]) || SecretPatterns.isDigit(data[nameStart - 1]) { nameStart -= 1 }
        return SecretScan.hashNames.contains(String(decoding: data[nameStart..<(start - 1)].map(SecretPatterns.lowercased), as: UTF8.self))
    }

    /// A body of random bytes: capitals, small letters and digits, a long run of them, and high entropy.
    private func looksRandomBody(_ body: Range<Int>) -> Bool {
        var run = 0, longest = 0
        for index in body {
            let byte = data[index]
            run = SecretPatterns.isTokenByte(byte) || byte == 0x2B || byte == 0x2F ? run + 1 : 0
            longest = max(longest, run)
        }
        return longest >= 20 && SecretScan.isMixed(data, body, minimum: 3) && caseChanges(body) >= 3
            && SecretValueShape.entropy(data, body) >= SecretScan.prefixedTokenEntropyMin
    }

    /// A body of one case's letters and digits (base36, base32: Neon's `napi_…`, Dynatrace's `dt0c01.…`): long, its
    /// letters mostly beyond hex, letters and digits alternating often, with the entropy of random bytes — no
    /// word, name in code or hex checksum is.
    private func looksRandomOneCaseBody(_ body: Range<Int>) -> Bool {
        guard body.count >= SecretScan.oneCaseBodyMin else { return false }
        var upper = 0, lower = 0, digits = 0, beyondHex = 0, alternations = 0
        var previousWasDigit: Bool?
        for index in body {
            let byte = data[index]
            let isDigit = SecretPatterns.isDigit(byte)
            guard isDigit || SecretPatterns.isLetter(byte) else {
                previousWasDigit = nil
                continue
            }
            if isDigit {
                digits += 1
            } else {
                if byte < 0x61 { upper += 1 } else { lower += 1 }
                if !SecretValueShape.isHexDigit(byte) { beyondHex += 1 }
            }
            if let previousWasDigit, previousWasDigit != isDigit { alternations += 1 }
            previousWasDigit = isDigit
        }
        let letters = upper + lower
        guard (upper == 0) != (lower == 0), beyondHex * 2 >= letters, digits * 8 >= body.count, letters * 2 >= body.count else { return false }
        return alternations * 5 >= body.count && SecretValueShape.entropy(data, body) >= SecretScan.prefixedTokenEntropyMin
    }

    /// The shortest body of one case's letters and digits (`looksRandomOneCaseBody`).
    private static let oneCaseBodyMin = 32

    /// Whether two parts of digits alone are joined by a `.` (each ended by a separator) (`wai-3.2.3-8pvX…`, a GHC package id): a package's
    /// name and version, whatever hash follows.
    private func holdsVersion(_ word: Range<Int>) -> Bool {
        var index = word.lowerBound
        while index < word.upperBound {
            var end = index
            while end < word.upperBound, SecretPatterns.isDigit(data[end]) { end += 1 }
            let digitsOnly = end > index && (index == word.lowerBound || !SecretPatterns.isLetter(data[index - 1]))
            if digitsOnly, end + 1 < word.upperBound, data[end] == 0x2E {
                var next = end + 1
                while next < word.upperBound, SecretPatterns.isDigit(data[next]) { next += 1 }
                if next > end + 1, next == word.upperBound || [0x2E, 0x2D, 0x5F].contains(data[next]) { return true }
            }
            index = max(end, index) + 1
        }
        return false
    }

    /// How often a letter's case differs from the letter's before it (random letters: every other one; a name
    /// in code, `scryptsalsa208sha256_STRPREFIX`, once a word).
    private func caseChanges(_ range: Range<Int>) -> Int {
        var changes = 0
        var previousUpper: Bool?
        for index in range where SecretPatterns.isLetter(data[index]) {
            let upper = data[index] < 0x61
            if let previousUpper, previousUpper != upper { changes += 1 }
            previousUpper = upper
        }
        return changes
    }

    /// A run of hex digits with letters and digits, long enough, and nothing but separators besides.
    private func isHexBody(_ body: Range<Int>) -> Bool {
        var run = 0, longest = 0, letters = false, digits = false
        for index in body {
            let byte = data[index]
            guard SecretValueShape.isHexDigit(byte) else {
                guard [0x5F, 0x2D, 0x2E].contains(byte) else { return false }
                run = 0
                continue
            }
            if SecretPatterns.isDigit(byte) { digits = true } else { letters = true }
            run += 1
            longest = max(longest, run)
        }
        return letters && digits && longest >= SecretScan.prefixedHexBodyMin
    }

    /// A digit, and at least `minimum` capitals and small letters, each a fifth of the letters or more (random
    /// letters are half and half; a name in camel case has a capital a word).
    private static func isMixed(_ data: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, minimum: Int) -> Bool {
        var upper = 0, lower = 0, digits = 0
        for index in range {
            let byte = data[index]
            if byte >= 0x41 && byte <= 0x5A { upper += 1 } else if byte >= 0x61 && byte <= 0x7A { lower += 1 } else if SecretPatterns.isDigit(byte) { digits += 1 }
        }
        let fifth = (upper + lower) / 5
        return digits >= 1 && upper >= max(minimum, fifth) && lower >= max(minimum, fifth)
    }

    /// The bytes of a token's body: base64 and base64url, and the separators of its parts.
    private static func isPrefixedTokenByte(_ byte: UInt8) -> Bool {
        SecretPatterns.isTokenByte(byte) || byte == 0x2E || byte == 0x7E || byte == 0x2B || byte == 0x2F || byte == 0x3D
    }
}
