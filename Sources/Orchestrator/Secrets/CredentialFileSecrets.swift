/// Lines of credential files printed as text whose value has no credential name before it: a crypt(3)
/// hash after a user name (`user:$apr1$salt$hash` in htpasswd, `root:$6$salt$hash:19000:…` in
/// /etc/shadow, bcrypt's `$2y$10$…`, yescrypt's `$y$j9T$…`, `$argon2id$v=19$m=…$salt$hash`), and a
/// GitHub Actions `::add-mask::VALUE` (a value the workflow says is secret).
extension SecretScan {
    /// The hash part of a crypt(3) string is at least this long (an MD5 crypt's is 22 bytes).
    static let cryptHashBytesMin = 16
    private static let addMask = Array("::add-mask:".utf8)

    /// A crypt(3) string at `start` (`$id$[params$]salt$hash`): everything after its `$id$` is redacted,
    /// to the end of the field (`:` ends a shadow field). Whether there was one.
    mutating func cryptHash(from start: Int) -> Bool {
        guard start < count, data[start] == 0x24 else { return false }
        var index = start + 1
        while index < count, index - start <= 16, SecretPatterns.isLetter(data[index]) || SecretPatterns.isDigit(data[index]) || data[index] == 0x2D {
            index += 1
        }
        guard index > start + 1, index < count, data[index] == 0x24 else { return false }
        let body = index + 1
        var end = body
        var fieldStart = body
        var dollars = 0
        while end < count, SecretScan.isCryptByte(data[end]) {
            if data[end] == 0x24 {
                dollars += 1
                fieldStart = end + 1
            }
            end += 1
        }
        guard dollars >= 1, end - fieldStart >= SecretScan.cryptHashBytesMin else { return false }
        add(body..<end)
        return true
    }

    /// What a crypt(3) string's salt, parameters and hash are made of.
    private static func isCryptByte(_ byte: UInt8) -> Bool {
        SecretPatterns.isLetter(byte) || SecretPatterns.isDigit(byte) || byte == 0x2E || byte == 0x2F || byte == 0x2B || byte == 0x3D || byte == 0x24
            || byte == 0x2C
    }

    /// `::add-mask::VALUE` with the last colon of `::add-mask:` at `at`: the rest of the line is a secret
    /// (and so learned for the rest of the run). Whether it was one.
    mutating func runnerMask(colonAt at: Int) -> Bool {
        guard at + 1 < count, data[at + 1] == 0x3A, at + 1 >= SecretScan.addMask.count,
            SecretScan.addMask.indices.allSatisfy({ data[at + 1 - SecretScan.addMask.count + $0] == SecretScan.addMask[$0] })
        else { return false }
        applyValue(.restOfLine, from: at + 2)
        return true
    }
}
