import CSecretScan

/// Finds where a secret structure may be — the indexes whose byte pair (`previous`, `current`) is in
/// `SecretPatterns.triggerPairs` — sixteen bytes at a time.
///
/// This runs over every byte of output a run records, so it is the redaction's cost: a block of 16
/// bytes is first tested with vector compares (`evlog_secret_candidates16`, SSE2 or NEON) for pairs
/// that can be triggers (`@ = : - _ .` after the bytes they need, and a few letter pairs), and only
/// those lanes are looked up in the pair table. The byte before the start counts as a space.
/// A `:` before whitespace is kept only where a credential name may end, or before a long base64 word
/// (`isNamelessColon`): most
/// colons in output end a field name (`Package: `, `Version: `) and would cost a look each.
enum SecretTriggerScan {
    /// Calls `body` with each trigger index, in order. A call per index, not an array of them: the
    /// scan is the hot loop, and appending to an array there cost more than the vector compares.
    @inline(__always)
    static func forEachIndex(in data: UnsafeBufferPointer<UInt8>, _ body: (Int) -> Void) {
        guard let base = data.baseAddress, !data.isEmpty else { return }
        let count = data.count
        SecretPatterns.triggerPairs.withUnsafeBufferPointer { pairs in
            func check(_ index: Int) {
                let previous = index == 0 ? 0x20 : Int(base[index - 1])
                if pairs[Int(base[index]) << 8 | previous], !isNamelessColon(data, index) { body(index) }
            }
            check(0)
            var index = 1
            while index + 16 <= count {
                var lanes = evlog_secret_candidates16(base + index)
                while lanes != 0 {
                    check(index + lanes.trailingZeroBitCount)
                    lanes &= lanes - 1
                }
                index += 16
            }
            while index < count {
                check(index)
                index += 1
            }
        }
    }

    /// Whether `data[index]` is a `:` before whitespace whose name cannot be a credential (no quote
    /// before it, and `CredentialName.mayEnd` rejects its last bytes): `SecretScan.keyValue` would find
    /// nothing there (a URL or pgpass line has no whitespace after its colon).
    static func isNamelessColon(_ data: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
        guard data[index] == 0x3A, index > 0, index + 1 < data.count, SecretPatterns.isWhitespace(data[index + 1]) else { return false }
        // After a non-ASCII byte the name may be a word of `CredentialVocabulary` (`пароль: X`); a quoted
        // name may have spaces before its colon (`"password" : X`).
        var nameEnd = index
        while nameEnd > 1, index - nameEnd < 8, data[nameEnd - 1] == 0x20 { nameEnd -= 1 }
        return !SecretPatterns.isQuote(data[nameEnd - 1]) && !CredentialName.mayEnd(data, max(0, nameEnd - 8), nameEnd)
            && !CredentialVocabulary.mayEnd(data, nameEnd) && !SecretScan.startsEncodedValue(data, after: index)
    }
}
