import Foundation

/// The common encodings a registered secret may be printed in: base64, base64url and base32 (also inside
/// a longer encoded text, so `Authorization: Basic base64(user:secret)` gives it away no more than the
/// plain secret would), URL (percent) encoding, hex, and the secret upper-cased. Encoded forms are matched whole, never in
/// pieces: a few hex or base64 characters of one are ordinary text (hashes, checksums, payloads).
enum SecretEncodings {
    /// An encoded form shorter than this is not matched (it would redact ordinary words).
    static let formBytesMin = 8
    private static let base64Alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let base32Alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)
    private static let hexLower = Array("0123456789abcdef".utf8)
    private static let hexUpper = Array("0123456789ABCDEF".utf8)

    /// The encoded forms of `secret` (without the plain secret itself), long enough to match.
    static func forms(of secret: [UInt8]) -> [[UInt8]] {
        guard !secret.isEmpty else { return [] }
        var forms: [[UInt8]] = []
        forms += base64Forms(of: secret)
        for offset in 0..<5 { forms.append(core(of: secret, offset: offset, bitsPerCharacter: 5, alphabet: base32Alphabet)) }
        forms.append(hex(secret, hexLower))
        forms.append(hex(secret, hexUpper))
        // Hex as a fingerprint writes it (`58:6b:39:…`).
        forms.append(Array(secret.map { hex([$0], hexLower) }.joined(separator: [0x3A])))
        forms.append(Array(secret.map { hex([$0], hexUpper) }.joined(separator: [0x3A])))
        // UTF-16 (a Windows-made file, `iconv -t UTF-16LE`), either byte order: the NULs of ASCII at either end are
        // the text's, not the secret's.
        forms += utf16Forms(of: secret)
        // Shouted by whatever printed it. (Hex as a dump groups it is read by `HexDumpLines`.)
        forms.append(secret.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 })
        forms.append(percentEncoded(secret, hexUpper))
        forms.append(percentEncoded(secret, hexLower))
        if secret.contains(0x20) {
            // A form body (`quote_plus`, `application/x-www-form-urlencoded`) writes a space as `+`.
            forms += forms.suffix(2).map { plusForSpace($0) }
        }
        var seen = Set<[UInt8]>([secret])
        return forms.filter { $0.count >= formBytesMin && seen.insert($0).inserted }
    }

    /// How a tool may print a secret that is a credential on its own (`RegisteredSecrets.isStrong`; a weak one, a
    /// common word, would redact that word everywhere): lower-cased (`tr A-Z a-z`, a hex key normalised),
    /// shell-quoted by `printf %q`/`${var@Q}` (a `\\` before each byte a shell reads specially), and as `od`
    /// shows bytes: hex pairs after a space each (`od -An -tx1`) and characters in fields of four (`od -c`);
    /// every byte escaped (`%52%65…`, `\x52\x65…`, `\u0052…`, `&#82;…`) and base64 twice (a Kubernetes manifest of a
    /// base64 value; secrets20 #6).
    static func renderings(of secret: [UInt8]) -> [[UInt8]] {
        var forms: [[UInt8]] = [secret.map(SecretPatterns.lowercased)]
        for digits in [hexUpper, hexLower] {
            forms.append(secret.flatMap { [0x25] + hex([$0], digits) })
            forms.append(secret.flatMap { [0x5C, 0x78] + hex([$0], digits) })
        }
        if secret.allSatisfy({ $0 < 0x80 }) {
            forms.append(secret.flatMap { [0x5C, 0x75, 0x30, 0x30] + hex([$0], hexLower) })
            forms.append(secret.flatMap { Array("&#\($0);".utf8) })
        }
        forms += base64Forms(of: Array(Data(secret).base64EncodedString().utf8)).prefix(2)
        forms.append(secret.flatMap { byte -> [UInt8] in isShellPlain(byte) ? [byte] : [0x5C, byte] })
        forms.append(Array(secret.map { hex([$0], hexLower) }.joined(separator: [0x20])))
        if secret.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != 0x5C }) {
            forms.append(Array(secret.map { [$0] }.joined(separator: [0x20, 0x20, 0x20])))
        }
        var seen = Set<[UInt8]>([secret])
        return forms.filter { $0.count >= formBytesMin && seen.insert($0).inserted }
    }

    /// A byte `printf %q` writes as it is: a letter, a digit, or one of `_./:@%+=,-`.
    private static func isShellPlain(_ byte: UInt8) -> Bool {
        SecretPatterns.isLetter(byte) || SecretPatterns.isDigit(byte) || byte >= 0x80 || Array("_./:@%+=,-".utf8).contains(byte)
    }

    /// The little- and big-endian UTF-16 bytes of `secret`, without the NULs at their ends (for ASCII both are the
    /// bytes of the secret with a NUL between each two).
    private static func utf16Forms(of secret: [UInt8]) -> [[UInt8]] {
        let units = Array(String(decoding: secret, as: UTF8.self).utf16)
        let trimmed = { (bytes: [UInt8]) in Array(bytes.drop(while: { $0 == 0 }).reversed().drop(while: { $0 == 0 }).reversed()) }
        return [trimmed(units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }), trimmed(units.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })]
    }

    /// `encoded` with each `%20` written `+`.
    private static func plusForSpace(_ encoded: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        var index = 0
        while index < encoded.count {
            if index + 2 < encoded.count, encoded[index] == 0x25, encoded[index + 1] == 0x32, encoded[index + 2] == 0x30 {
                result.append(0x2B)
                index += 3
            } else {
                result.append(encoded[index])
                index += 1
            }
        }
        return result
    }

    /// The base64 and base64url forms of `secret` at the three offsets it may start at in an encoded text.
    static func base64Forms(of secret: [UInt8]) -> [[UInt8]] {
        (0..<3).flatMap { offset in
            let core = base64Core(of: secret, offset: offset)
            return [core, core.map(base64URL)]
        }
    }

    /// The base64 characters that depend on `secret` alone when it starts `offset` bytes into the
    /// encoded text (0, 1 or 2): the same wherever in a longer text it is.
    static func base64Core(of secret: [UInt8], offset: Int) -> [UInt8] {
        core(of: secret, offset: offset, bitsPerCharacter: 6, alphabet: base64Alphabet)
    }

    /// The characters of an encoding of `bitsPerCharacter` bits each that depend on `secret` alone when
    /// it starts `offset` bytes into the encoded bytes: character j covers bits j·b..<(j+1)·b, and those
    /// inside the secret's bits are kept.
    private static func core(of secret: [UInt8], offset: Int, bitsPerCharacter bits: Int, alphabet: [UInt8]) -> [UInt8] {
        let firstBit = 8 * offset
        let endBit = firstBit + 8 * secret.count
        var characters: [UInt8] = []
        var character = (firstBit + bits - 1) / bits
        while bits * (character + 1) <= endBit {
            var value = 0
            for bit in (bits * character)..<(bits * (character + 1)) {
                let inSecret = bit - firstBit
                value = value << 1 | Int((secret[inSecret / 8] >> UInt8(7 - inSecret % 8)) & 1)
            }
            characters.append(alphabet[value])
            character += 1
        }
        return characters
    }

    private static func base64URL(_ byte: UInt8) -> UInt8 {
        switch byte {
        case 0x2B: 0x2D
        case 0x2F: 0x5F
        default: byte
        }
    }

    private static func hex(_ secret: [UInt8], _ digits: [UInt8]) -> [UInt8] {
        secret.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0F)]] }
    }

    /// Percent-encoding of everything but RFC 3986's unreserved bytes.
    private static func percentEncoded(_ secret: [UInt8], _ digits: [UInt8]) -> [UInt8] {
        secret.flatMap { byte -> [UInt8] in
            let unreserved = SecretPatterns.isLetter(byte) || SecretPatterns.isDigit(byte) || byte == 0x2D || byte == 0x2E || byte == 0x5F || byte == 0x7E
            return unreserved ? [byte] : [0x25, digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
        }
    }
}
