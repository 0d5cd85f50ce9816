import Foundation

/// What a value looks like, for the places whose name says less than `password` does: a weak name
/// (`auth`, `sig`, `pass`), a name followed by a space instead of `=` or `:`, the user part of a URL.
/// The last resort is entropy, and only right after such a name: hashes, UUIDs, versions and checksums
/// elsewhere are never judged by it.
enum SecretValueShape {
    /// Values that are settings or stand-ins, not secrets, under any name.
    private static let settingWords: Set<[UInt8]> = Set([
        "true", "false", "yes", "no", "on", "off", "none", "null", "nil", "undefined", "required", "optional", "empty",
        "unset", "enabled", "disabled", "default", "redacted", "hidden", "masked", "prompt", "stdin", "value",
        // What documentation writes where a credential goes (`http://user:pass@host`).
        "pass", "password", "passwd", "pwd", "pw", "secret", "token", "xxx", "xxxx", "xxxxxx",
    ].map { Array($0.utf8) })
    /// A value a weak name (`auth`, `sig`, `signature`) gives must be at least this long.
    static let weakValueBytesMin = 12
    /// A value this long or longer may be judged by its entropy alone.
    static let entropyBytesMin = 16
    /// Bits per byte above which a long run of letters is taken for random (English words stay below).
    static let entropyBitsMin = 3.7

    /// Not a secret whatever its name: empty, a setting word, a variable or template (`$X`, `${X}`,
    /// `<X>`, `%s`, `{{x}}`, `` `pwd` ``), a metavariable (`PAGE_TOKEN`), a mask (`***`), a path, a short
    /// number, what a redaction left.
    static func isPlaceholder(_ data: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard let first = range.first.map({ data[$0] }) else { return true }
        switch first {
        // `%40b…` is URL-encoded (a form body's `password=%40b`), not a `%s` (nor `%DB_PASS%`, a variable).
        case 0x25 where range.count >= 3 && isHexDigit(data[range.lowerBound + 1]) && isHexDigit(data[range.lowerBound + 2])
            && data[range.upperBound - 1] != 0x25: break
        // `$NAME`, `${X}`, `$(cmd)`, a variable (`StandInValues`); `$Qk7m…` is a value that starts with a dollar.
        case 0x24: return isSymbolStandIn(data, range)
        // `{password}`, `{{ .Values.x }}` are templates; `{SSHA}X` (LDAP's scheme prefix) and `{AQAAAB…=}`
        // (a Jenkins secret) are values.
        case 0x7B: return !isSchemePrefixed(data, range) && !isBracedBlob(data, range) && isSymbolStandIn(data, range)
        // A stand-in is whole: a template closed by its bracket, a mask of stars, a home path. A value that only
        // starts with the symbol (`*Gh07…`, `<Ab28…`, `~Ab28…`: about 1 generated password in 9) is a value.
        case 0x3C: return data[range.upperBound - 1] == 0x3E
        case 0x5B: return data[range.upperBound - 1] == 0x5D
        case 0x2A: return range.prefix(3).allSatisfy { data[$0] == 0x2A }
        case 0x7E: return range.count == 1 || data[range.lowerBound + 1] == 0x2F
        // A format (`%s`, `%(name)s`), a variable (`%DB_PASS%`), a path (`StandInValues`) — but not base64 that
        // happens to start with `/` (a kubeconfig's `client-key-data: /kb7…`).
        case 0x25: return isSymbolStandIn(data, range)
        case 0x2F: return !isSlashLeadingBase64(data, range) && isSymbolStandIn(data, range)
        // A command substitution (whose words the value's range may cut).
        case 0x60: return true
        case 0x2E where range.count > 1 && data[range.lowerBound + 1] == 0x2F: return true
        default: break
        }
        if range.allSatisfy({ SecretPatterns.isDigit(data[$0]) }) && range.count < 8 { return true }
        if isMetavariable(data, range) { return true }
        guard range.count <= 9 else { return false }
        return settingWords.contains(range.map { SecretPatterns.lowercased(data[$0]) })
    }

    /// `{SCHEME}X`: capitals, digits and `-` in braces, and a value after them (`{SSHA}…`, `{PBKDF2-SHA512}…`).
    private static func isSchemePrefixed(_ data: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard let close = range.first(where: { data[$0] == 0x7D }), close > range.lowerBound + 1, close + 1 < range.upperBound else { return false }
        return ((range.lowerBound + 1)..<close).allSatisfy { (data[$0] >= 0x41 && data[$0] <= 0x5A) || SecretPatterns.isDigit(data[$0]) || data[$0] == 0x2D }
    }

    /// `{X}` whose inside is one long word of base64 with capitals, small letters and digits.
    private static func isBracedBlob(_ data: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard range.count >= entropyBytesMin + 2, data[range.upperBound - 1] == 0x7D else { return false }
        let inside = (range.lowerBound + 1)..<(range.upperBound - 1)
        var upper = false, lower = false, digit = false
        for index in inside {
            let byte = data[index]
            if byte >= 0x41 && byte <= 0x5A { upper = true } else if byte >= 0x61 && byte <= 0x7A { lower = true } else if SecretPatterns.isDigit(byte) {
                digit = true
            } else if byte != 0x2B && byte != 0x2F && byte != 0x3D {
                return false
            }
        }
        return upper && lower && digit
    }

    /// Base64 that happens to start with `/` (a kubeconfig's `client-key-data: /kb7…`), not a path: 32 bytes
    /// or more of the base64 alphabet with capitals, small letters and digits, and few slashes (a path's
    /// segments are words, base64's slashes one byte in 64).
    private static func isSlashLeadingBase64(_ data: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard range.count >= 32 else { return false }
        var upper = false, lower = false, digit = false, slashes = 0
        for index in range {
            let byte = data[index]
            if byte >= 0x41 && byte <= 0x5A { upper = true } else if byte >= 0x61 && byte <= 0x7A { lower = true } else if SecretPatterns.isDigit(byte) {
                digit = true
            } else if byte == 0x2F {
                slashes += 1
            } else if byte != 0x2B && byte != 0x3D {
                return false
            }
        }
        return upper && lower && digit && slashes * 8 <= range.count
    }


    /// What help texts and man pages write for an option's value (`--page-token=PAGE_TOKEN`,
    /// `[--password=PASSWORD]`, `--certificate-password=CERTIFI‐` wrapped): capitals joined by `_`, or
    /// capitals a bracket or a wrapping hyphen ends. No digit, no small letter: a generated secret has them.
    static func isMetavariable(_ data: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var end = range.upperBound
        var closed = false
        while end > range.lowerBound {
            if data[end - 1] == 0x5D || data[end - 1] == 0x29 || data[end - 1] == 0x2C || data[end - 1] == 0x2D {
                end -= 1
            } else if end - range.lowerBound >= 3, data[end - 3] == 0xE2, data[end - 2] == 0x80, data[end - 1] == 0x90 {
                end -= 3  // U+2010, the hyphen man pages wrap words with.
            } else {
                break
            }
            closed = true
        }
        let name = range.lowerBound..<end
        guard name.count >= 2, data[name.lowerBound] >= 0x41, data[name.lowerBound] <= 0x5A else { return false }
        var joined = false
        for index in name {
            let byte = data[index]
            if byte == 0x5F { joined = true } else if !(byte >= 0x41 && byte <= 0x5A) { return false }
        }
        return joined || closed
    }

    /// Looks like a credential on its own: one word of at least 6 bytes, no placeholder or version, not
    /// wrapped in or ended by punctuation as prose words are (`(3.6.1)`, `keyblock.`), and with a digit or
    /// a capital after the first byte — or, long enough, the entropy of random letters.
    static func looksLikeSecret(_ data: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard range.count >= 6, !isPlaceholder(data, range), !isVersion(data, range) else { return false }
        guard !isPunctuated(data, range) || isSymbolLedValue(data, range) else { return false }
        var marked = false
        for index in range {
            let byte = data[index]
            if SecretPatterns.isWhitespace(byte) { return false }
            if SecretPatterns.isDigit(byte) || (index > range.lowerBound && byte >= 0x41 && byte <= 0x5A) { marked = true }
        }
        return marked || (range.count >= entropyBytesMin && entropy(data, range) >= entropyBitsMin)
    }

    /// A word that ends in punctuation and is a secret with it (`Summer2026.`, `Pz6Tn1Rx8Vb}`: a generated
    /// password's last symbol): without its last byte it looks like a secret, and no bracket that byte would
    /// close opens in it (`(Kq7m2)` is a parenthesis around a word).
    static func looksLikeSecretEndingInPunctuation(_ data: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard range.count > 6, isClosing(data[range.upperBound - 1]) || data[range.upperBound - 1] == 0x2A else { return false }
        let opener: UInt8? = switch data[range.upperBound - 1] {
        case 0x29: 0x28
        case 0x5D: 0x5B
        case 0x7D: 0x7B
        case 0x3E: 0x3C
        default: nil
        }
        let trimmed = range.lowerBound..<(range.upperBound - 1)
        if let opener, data[trimmed].contains(opener) { return false }
        return looksLikeSecret(data, trimmed)
    }

    /// Looks random, as a value in a sentence must (`the password is X`): one word of at least 8 bytes with
    /// capitals after its first byte, small letters and digits (`Argon2id`, `Python3` are names), or long
    /// with the entropy of random letters — but not capitals alone, nor letters joined by `_` or `.` (or small ones by `/`)
    /// (`GNUTLS_E_DECRYPTION_FAILED`, `pyparsing_common.upcaseTokens` are names in code, `default/db-credentials` an object's).
    static func looksRandom(_ data: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard range.count >= 8, looksLikeSecret(data, range) else { return false }
        var upper = false, lower = false, digit = false, joined = false, slashed = false
        for index in range {
            let byte = data[index]
            if byte >= 0x41 && byte <= 0x5A {
                upper = upper || index > range.lowerBound
            } else if byte >= 0x61 && byte <= 0x7A {
                lower = true
            } else if SecretPatterns.isDigit(byte) {
                digit = true
            } else if byte == 0x5F || byte == 0x2E {
                joined = true
            } else if byte == 0x2F {
                slashed = true
            }
        }
        // Small letters joined by `/` without a digit or a capital are a name (`default/db-credentials`, a Kubernetes object's).
        guard digit || (lower && !joined && !(slashed && !upper)) else { return false }
        return (upper && lower && digit) || (range.count >= entropyBytesMin && entropy(data, range) >= entropyBitsMin)
    }

    /// A PowerShell cmdlet's name, `Verb-Noun` (`ConvertTo-SecureString`, `Get-Credential`): two runs of
    /// letters joined by one `-`, each starting with a capital.
    static func isCmdletName(_ data: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard let dash = range.first(where: { data[$0] == 0x2D }), dash > range.lowerBound, dash + 1 < range.upperBound else { return false }
        let isCapital = { (byte: UInt8) in byte >= 0x41 && byte <= 0x5A }
        return isCapital(data[range.lowerBound]) && isCapital(data[dash + 1])
            && range.allSatisfy { $0 == dash || SecretPatterns.isLetter(data[$0]) }
    }

    /// A word as prose has it: lowercase letters only, maybe an apostrophe (`is`, `bypass`, `don't`)
    /// — no option value or bearer token is taken for one.
    static func isProseWord(_ data: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        !range.isEmpty && range.allSatisfy { (data[$0] >= 0x61 && data[$0] <= 0x7A) || data[$0] == 0x27 }
    }

    /// Wrapped in or ended by punctuation as a word of prose is (`(3.6.1)`, `keyblock.`, `(-r),`).
    static func isPunctuated(_ data: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        !range.isEmpty && (isOpening(data[range.lowerBound]) || isClosing(data[range.upperBound - 1]))
            && !isSchemePrefixed(data, range) && !isBracedBlob(data, range)
    }

    private static func isOpening(_ byte: UInt8) -> Bool { byte == 0x28 || byte == 0x5B || byte == 0x7B || byte == 0x3C || byte == 0x23 }
    private static func isClosing(_ byte: UInt8) -> Bool {
        byte == 0x2E || byte == 0x2C || byte == 0x3B || byte == 0x3A || byte == 0x29 || byte == 0x5D || byte == 0x7D || byte == 0x3E
    }

    /// A token as the user part of a URL or a path segment: at least 16 bytes of letters, digits, `-`
    /// and `_`, with both letters and digits (a user name or a word is not one).
    static func looksLikeToken(_ data: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard range.count >= 16 else { return false }
        var letters = false, digits = false
        for index in range {
            let byte = data[index]
            if SecretPatterns.isLetter(byte) { letters = true } else if SecretPatterns.isDigit(byte) { digits = true } else if byte != 0x2D && byte != 0x5F { return false }
        }
        return letters && digits
    }

    /// `1.2.3`, `1:4.13+dfsg1-1`, `v2.0`: a digit (after an optional `v`) first, a dot, version bytes only.
    static func isVersion(_ data: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var start = range.lowerBound
        if start < range.upperBound, data[start] | 0x20 == 0x76 { start += 1 }
        guard start < range.upperBound, SecretPatterns.isDigit(data[start]) else { return false }
        var dot = false
        for index in start..<range.upperBound {
            let byte = data[index]
            if byte == 0x2E { dot = true; continue }
            guard SecretPatterns.isLetter(byte) || SecretPatterns.isDigit(byte) || byte == 0x2B || byte == 0x7E || byte == 0x3A || byte == 0x2D
            else { return false }
        }
        return dot
    }

    static func isHexDigit(_ byte: UInt8) -> Bool { hexValue(byte) != nil }

    /// The value of a hex digit (either case).
    static func hexValue(_ byte: UInt8) -> UInt8? {
        if SecretPatterns.isDigit(byte) { return byte - 0x30 }
        let lower = byte | 0x20
        return (0x61...0x66).contains(lower) ? lower - 0x61 + 10 : nil
    }

    /// Shannon entropy of the bytes, in bits per byte.
    static func entropy(_ data: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Double {
        var counts = [Int](repeating: 0, count: 256)
        for index in range { counts[Int(data[index])] += 1 }
        let total = Double(range.count)
        return counts.reduce(0.0) { sum, count in
            guard count > 0 else { return sum }
            let p = Double(count) / total
            return sum - p * log2(p)
        }
    }
}
