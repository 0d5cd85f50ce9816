import CSecretScan

/// Tokens recognisable by their own shape, wherever they appear: a well-known prefix and a long body
/// (GitHub `ghp_`/`github_pat_`, GitLab `glpat-`/`glrt-`, npm `npm_`, Slack `xoxb-`, Stripe `sk_live_`,
/// SendGrid `SG.`, Vault `hvs.`/`s.`, GCP `AIza`, AWS `AKIA`/`ASIA` ids and the secret after one, PyPI
/// `pypi-`, Docker `dckr_pat_`, age `AGE-SECRET-KEY-`, a SCRAM verifier `SCRAM-SHA-256$…`, JWTs `eyJ….….…`),
/// and `Bearer X`. The body is redacted; the prefix
/// stays, to say what leaked.
extension SecretScan {
    /// What a token's body is made of.
    enum TokenBody: Sendable {
        case alphanumeric, word, dashed, dotted, upperOrDigit
        /// base64 and the `$ : . = , -` of a hash's fields (SCRAM's `SHA-256$4096:salt$key:key`).
        case hashFields
        /// Hex digits, either case (`dapi…`, `SK…`, `pul-…`).
        case hex
        /// base64 or base64url, with its padding (`glc_…==`, `sntrys_…`, `ATATT…`).
        case base64

        func allows(_ byte: UInt8) -> Bool {
            let alphanumeric = SecretPatterns.isLetter(byte) || SecretPatterns.isDigit(byte)
            switch self {
            case .alphanumeric: return alphanumeric
            case .word: return alphanumeric || byte == 0x5F
            case .dashed: return SecretPatterns.isTokenByte(byte)
            case .dotted: return SecretPatterns.isTokenByte(byte) || byte == 0x2E
            case .upperOrDigit: return (byte >= 0x41 && byte <= 0x5A) || SecretPatterns.isDigit(byte)
            case .hashFields: return alphanumeric || [0x2B, 0x2F, 0x24, 0x3A, 0x2E, 0x3D, 0x2C, 0x2D].contains(byte)
            case .hex: return SecretValueShape.isHexDigit(byte)
            case .base64: return SecretPatterns.isTokenByte(byte) || byte == 0x2B || byte == 0x2F || byte == 0x3D
            }
        }
    }

    /// One prefix and what its body is made of.
    struct TokenPrefix: Sendable {
        let prefix: [UInt8]
        let body: TokenBody
        /// The fewest body bytes; `exact` bodies are exactly this long (`AKIA` + 16).
        let bodyMin: Int
        let exact: Bool
        /// Whether the secret that goes with it may follow (an AWS key id's secret access key).
        let pairedWithSecret: Bool

        init(_ prefix: String, _ body: TokenBody, min bodyMin: Int, exact: Bool = false, pairedWithSecret: Bool = false) {
            self.prefix = Array(prefix.utf8)
            self.body = body
            self.bodyMin = bodyMin
            self.exact = exact
            self.pairedWithSecret = pairedWithSecret
        }
    }

    static let tokenPrefixes: [TokenPrefix] = [
        TokenPrefix("ghp_", .word, min: 20), TokenPrefix("gho_", .word, min: 20), TokenPrefix("ghu_", .word, min: 20),
        TokenPrefix("ghs_", .word, min: 20), TokenPrefix("ghr_", .word, min: 20), TokenPrefix("github_pat_", .word, min: 20),
        TokenPrefix("glpat-", .dashed, min: 16), TokenPrefix("glrt-", .dashed, min: 16), TokenPrefix("glptt-", .dashed, min: 16),
        TokenPrefix("gldt-", .dashed, min: 16), TokenPrefix("npm_", .alphanumeric, min: 30),
        TokenPrefix("xoxa-", .dashed, min: 10), TokenPrefix("xoxb-", .dashed, min: 10), TokenPrefix("xoxe-", .dashed, min: 10),
        TokenPrefix("xoxp-", .dashed, min: 10), TokenPrefix("xoxr-", .dashed, min: 10), TokenPrefix("xoxs-", .dashed, min: 10),
        TokenPrefix("sk-", .dashed, min: 16), TokenPrefix("sk_live_", .alphanumeric, min: 16), TokenPrefix("sk_test_", .alphanumeric, min: 16),
        TokenPrefix("rk_live_", .alphanumeric, min: 16), TokenPrefix("rk_test_", .alphanumeric, min: 16), TokenPrefix("whsec_", .alphanumeric, min: 16),
        TokenPrefix("SG.", .dotted, min: 40), TokenPrefix("hvs.", .dashed, min: 20), TokenPrefix("hvb.", .dashed, min: 20),
        TokenPrefix("s.", .alphanumeric, min: 24, exact: true), TokenPrefix("AIza", .dashed, min: 30),
        TokenPrefix("AKIA", .upperOrDigit, min: 16, exact: true, pairedWithSecret: true),
        TokenPrefix("ASIA", .upperOrDigit, min: 16, exact: true, pairedWithSecret: true),
        TokenPrefix("pypi-", .dashed, min: 40), TokenPrefix("dckr_pat_", .dashed, min: 20), TokenPrefix("hf_", .alphanumeric, min: 30),
        TokenPrefix("ya29.", .dashed, min: 20), TokenPrefix("glsa_", .word, min: 20), TokenPrefix("shpat_", .alphanumeric, min: 20),
        TokenPrefix("dop_v1_", .alphanumeric, min: 40), TokenPrefix("AGE-SECRET-KEY-", .upperOrDigit, min: 50),
        TokenPrefix("SCRAM-", .hashFields, min: 40),
    ] + serviceTokenPrefixes
    /// For each pair of bytes (last << 8 | the one before), the prefixes ending with it (the trigger is
    /// a prefix's last byte); most pairs have none. An array, not a dictionary: it is looked up at every
    /// `-`, `_` or `.` after a prefix's byte, thousands of times per MB of output.
    static let prefixesByLastPair: [[Int]] = {
        var table = [[Int]](repeating: [], count: 1 << 16)
        for (index, shape) in tokenPrefixes.enumerated() {
            let prefix = shape.prefix
            table[Int(prefix[prefix.count - 1]) << 8 | Int(prefix[prefix.count - 2])].append(index)
        }
        return table
    }()
    private static let jwtPrefix = Array("eyJ".utf8)
    /// A bearer token is at least this long (`bearer MTU validation` is prose).
    static let bearerBytesMin = 8
    /// An AWS secret access key: 40 bytes of base64 (without `=`).
    static let awsSecretBytes = 40

    /// A token prefix whose last byte is at `at` (its `_`, `-`, `.`, or the last letter of `AKIA`).
    mutating func prefixedToken(endingAt at: Int) {
        guard at > 0 else { return }
        for index in SecretScan.prefixesByLastPair[Int(data[at]) << 8 | Int(data[at - 1])] {
            let shape = SecretScan.tokenPrefixes[index]
            // A digest after its hash's name may start like a prefix (`sha256=glc_…` in a wheel's RECORD; secrets20 #16).
            guard endsWithWord(shape.prefix, at: at + 1), !followsHashName(at + 1 - shape.prefix.count) else { continue }
            if shape.pairedWithSecret, let redacted = redactedBody(from: at + 1) {
                // An id already redacted (`AKIA[redacted]`, the line so far): its secret may still follow.
                awsSecret(after: redacted)
                return
            }
            var end = at + 1
            while end < count, shape.body.allows(data[end]) { end += 1 }
            let body = end - at - 1
            guard shape.exact ? body == shape.bodyMin : body >= shape.bodyMin, shape.body != .dashed || !isNamedBody((at + 1)..<end) else { continue }
            add((at + 1)..<end)
            if shape.pairedWithSecret { awsSecret(after: end) }
            return
        }
    }

    /// Whether a dashed body is a name, not random (`xapp-sn-watcher`, a Debian package; `sk-ecdsa-sha2-nistp256`,
    /// OpenSSH's FIDO key type; secrets15 F17): each of its `-` parts is a short lowercase word, maybe ending in a
    /// version's digits (`sha2`, `v01`, `ed25519`), or a number of up to 3 digits. A token's parts are random.
    private func isNamedBody(_ body: Range<Int>) -> Bool {
        data[body].split(separator: 0x2D).allSatisfy { part in
            let letters = part.prefix { $0 >= 0x61 && $0 <= 0x7A }
            let digits = part.dropFirst(letters.count)
            guard digits.allSatisfy(SecretPatterns.isDigit) else { return false }
            return letters.isEmpty ? digits.count <= 3 : part.count <= 12
        }
    }

    /// How many bytes at the end of the region are the beginning of a token's body after a known prefix
    /// that starts a word (`ghp_Abc`, fewer body bytes than a token has): what a quiet release must not show.
    func partialTokenBodyLength() -> Int {
        var longest = 0
        for shape in SecretScan.tokenPrefixes {
            var body = 0
            while body < shape.bodyMin, body < count - shape.prefix.count, shape.body.allows(data[count - 1 - body]) {
                body += 1
                if endsWithWord(shape.prefix, at: count - body) { longest = max(longest, body) }
            }
        }
        return longest
    }

    /// Bits per byte above which a bare 40-byte word is taken for an AWS secret access key (random ones
    /// are above it 999 times in 1000; a hex digest stays below 4).
    static let awsSecretEntropyMin = 4.3

    /// Bare AWS secret access keys, with no name or key id near: words of exactly 40 base64 bytes (found
    /// by `evlog_next_word40`) with capitals, small letters and digits and the entropy of random bytes,
    /// not the last line of a base64 block.
    mutating func bareAWSSecrets() {
        guard let base = data.baseAddress else { return }
        var from = 0
        while from < count {
            let start = evlog_next_word40(base, count, from)
            guard start < count else { return }
            let word = start..<(start + SecretScan.awsSecretBytes)
            if looksLikeAWSSecret(word), !endsBase64Block(word) { addGuess(word) }
            from = word.upperBound + 1
        }
    }

    private func looksLikeAWSSecret(_ word: Range<Int>) -> Bool {
        var upper = false, lower = false, digit = false
        for index in word {
            let byte = data[index]
            if byte >= 0x41 && byte <= 0x5A { upper = true } else if byte >= 0x61 && byte <= 0x7A { lower = true } else if SecretPatterns.isDigit(byte) {
                digit = true
            } else if byte != 0x2F && byte != 0x2B {
                return false
            }
        }
        return upper && lower && digit && SecretValueShape.entropy(data, word) >= SecretScan.awsSecretEntropyMin
    }

    /// Whether the line before `word`'s is a long line of base64 (`word` is then a block's last line).
    func endsBase64Block(_ word: Range<Int>) -> Bool {
        let lineStart = lineStart(before: word.lowerBound, limit: 512)
        guard lineStart > 0 else { return false }
        var previousEnd = lineStart - 1
        while previousEnd > 0, SecretPatterns.isLineEnd(data[previousEnd - 1]) { previousEnd -= 1 }
        let previousStart = self.lineStart(before: previousEnd, limit: 512)
        let line = previousStart..<previousEnd
        return line.count >= 60 && line.allSatisfy { TokenBody.alphanumeric.allows(data[$0]) || data[$0] == 0x2F || data[$0] == 0x2B || data[$0] == 0x3D }
    }

    /// The end of the markers a redaction left at `start`, if one is there.
    private func redactedBody(from start: Int) -> Int? {
        let marker = SecretPolicy.marker
        var end = start
        while end + marker.count <= count, marker.indices.allSatisfy({ data[end + $0] == marker[$0] }) { end += marker.count }
        return end > start ? end : nil
    }

    /// The secret access key printed after an AWS key id (`AKIA… wJalr…`, `"AKIA…", "wJalr…"`).
    private mutating func awsSecret(after start: Int) {
        var index = start
        while index < count, index - start < 64, !TokenBody.alphanumeric.allows(data[index]), !SecretPatterns.isLineEnd(data[index]) { index += 1 }
        var end = index
        while end < count, TokenBody.alphanumeric.allows(data[end]) || data[end] == 0x2F || data[end] == 0x2B { end += 1 }
        if end - index == SecretScan.awsSecretBytes { add(index..<end) }
    }

    /// `eyJ….eyJ….…`: a JSON Web Token (three base64url parts), the `J` at `at`.
    mutating func jwt(at: Int) {
        guard at >= 2, endsWithWord(SecretScan.jwtPrefix, at: at + 1) else { return }
        var end = at + 1
        var dots = 0
        while end < count, SecretPatterns.isTokenByte(data[end]) || data[end] == 0x2E {
            if data[end] == 0x2E { dots += 1 }
            end += 1
        }
        // A token longer than a stream holds (`SecretStream.heldWordBytesMax`) is cut inside it: its beginning,
        // one dot in, ends the region, and its rest is redacted in the next.
        let cut = end == count && dots == 1
        guard dots >= 2 || cut, end - at >= 16 else { return }
        add((at + 1)..<end)
        if cut { pending = .continueWord }
        handledUpTo = max(handledUpTo, end)
    }

    /// `bearer X` in any case, the `b` at `at`.
    mutating func bearer(at: Int) {
        let word = SecretPatterns.bearerWord
        guard at >= 0, at + word.count < count, at == 0 || !SecretPatterns.isLetter(data[at - 1]) else { return }
        for offset in 1..<word.count where SecretPatterns.lowercased(data[at + offset]) != word[offset] { return }
        guard SecretPatterns.isSpace(data[at + word.count]) else { return }
        var start = at + word.count
        while start < count, SecretPatterns.isSpace(data[start]) { start += 1 }
        if start == count {
            pending = .nextWord
            return
        }
        // The token ends at a quote (`('authorization', 'Bearer X')`) or the list or call it closes.
        var end = wordEnd(from: start, separators: true)
        while end > start + 1, SecretScan.endsListedValue(data[end - 1]) { end -= 1 }
        let token = start..<end
        if token.count >= SecretScan.bearerBytesMin, isValueWord(token, quoted: false) { add(token) }
    }
}
