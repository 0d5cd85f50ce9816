#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The lines of strongSwan's and Libreswan's `ipsec.secrets` (secrets15 F22): selectors, ` : `, the secret's type
/// in capitals (`PSK`, `EAP`, `XAUTH`, `NTLM`, `RSA`, `PIN`, …), maybe a key file's name, then the secret — a
/// quoted string, or `0x…` hex or `0s…` base64 — ending the line. `%any : PSK "X"`, `deploy : EAP "X"`,
/// `: RSA key.pem "passphrase"`. The type is the format's grammar, whatever its name: a quoted value after it that
/// looks like a secret, or an encoded one, is redacted.
enum IPsecSecretLines {
    /// The longest type word.
    private static let typeBytesMax = 8

    /// The secrets of the `ipsec.secrets` lines in `data`: each `: ` after a space or at a line's start (`: RSA
    /// key.pem "X"` has no selector) is looked at, found by `memchr` (colons are rarer than spaces).
    static func ranges(in data: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        guard let base = data.baseAddress else { return [] }
        var found: [Range<Int>] = []
        var from = 0
        while from + 2 < data.count, let hit = memchr(base + from, 0x3A, data.count - from - 2) {
            let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            from = at + 1
            guard data[at + 1] == 0x20, at == 0 || data[at - 1] == 0x20 || SecretPatterns.isLineEnd(data[at - 1]) else { continue }
            if let secret = secret(in: data, typeAt: at + 2) { found.append(secret) }
        }
        return found
    }

    /// The secret after the type word at `start`, if the rest of the line has the format's shape.
    private static func secret(in data: UnsafeBufferPointer<UInt8>, typeAt start: Int) -> Range<Int>? {
        var index = start
        while index < data.count, index - start < typeBytesMax, (data[index] >= 0x41 && data[index] <= 0x5A) || SecretPatterns.isDigit(data[index]) { index += 1 }
        guard index - start >= 2, index < data.count, data[index] == 0x20, data[start] >= 0x41, data[start] <= 0x5A else { return nil }
        index += 1
        // A key file's name before its passphrase (`RSA key.pem "X"`).
        if index < data.count, !SecretPatterns.isQuote(data[index]), !isEncoded(data, at: index) {
            while index < data.count, !SecretPatterns.isWhitespace(data[index]) { index += 1 }
            guard index < data.count, data[index] == 0x20 else { return nil }
            index += 1
        }
        guard index < data.count else { return nil }
        let value: Range<Int>
        var end: Int
        if SecretPatterns.isQuote(data[index]) {
            end = index + 1
            while end < data.count, data[end] != data[index], !SecretPatterns.isLineEnd(data[end]) { end += 1 }
            guard end < data.count, data[end] == data[index] else { return nil }
            value = (index + 1)..<end
            end += 1
            guard SecretValueShape.looksLikeSecret(data, value) else { return nil }
        } else {
            guard isEncoded(data, at: index) else { return nil }
            end = index
            while end < data.count, !SecretPatterns.isWhitespace(data[end]) { end += 1 }
            value = index..<end
        }
        while end < data.count, SecretPatterns.isSpace(data[end]) { end += 1 }
        guard end == data.count || SecretPatterns.isLineEnd(data[end]) || data[end] == 0x23 else { return nil }
        return value
    }

    /// `0x` followed by hex, or `0s` followed by base64 (the format's encoded secrets), at least 8 bytes.
    private static func isEncoded(_ data: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index + 10 <= data.count, data[index] == 0x30, data[index + 1] == 0x78 || data[index + 1] == 0x73 else { return false }
        return (index + 2..<(index + 10)).allSatisfy { data[$0] == 0x2B || data[$0] == 0x2F || data[$0] == 0x3D || SecretPatterns.isLetter(data[$0]) || SecretPatterns.isDigit(data[$0]) }
    }
}
