/// TLS session secrets in the NSS key log format (secrets11 F8: what `SSLKEYLOGFILE` makes curl, browsers and
/// OpenSSL write, `cat`'d while debugging a handshake): a line of a label (`CLIENT_RANDOM`,
/// `CLIENT_TRAFFIC_SECRET_0`, `EXPORTER_SECRET`, …), the hex of the connection's client random, and the hex of
/// the secret, which decrypts the captured traffic. The last field is redacted; the label and random stay.
enum KeyLogLines {
    /// What every label of the format holds.
    private static let labelParts = ["_SECRET", "CLIENT_RANDOM"].map { Array($0.utf8) }
    /// The hex digits of a client random.
    private static let randomHexDigits = 64
    /// The fewest hex digits of a secret (a TLS 1.2 master secret has 96, TLS 1.3 traffic secrets 64 or 96).
    private static let secretHexDigitsMin = 32

    /// The secrets of the key log lines in `data`.
    static func ranges(in data: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var found: [Range<Int>] = []
        for part in labelParts {
            var from = 0
            while from < data.count, let at = BytePattern.firstIndex(of: part, in: data, from: from) {
                from = at + part.count
                if let secret = secret(in: data, labelAt: at) {
                    found.append(secret)
                    from = secret.upperBound
                }
            }
        }
        return found
    }

    /// The secret field of the line whose label holds `at`, if the line has the format's shape.
    private static func secret(in data: UnsafeBufferPointer<UInt8>, labelAt at: Int) -> Range<Int>? {
        var start = at
        while start > 0, isLabelByte(data[start - 1]) { start -= 1 }
        guard start == 0 || SecretPatterns.isLineEnd(data[start - 1]) else { return nil }
        var labelEnd = at
        while labelEnd < data.count, isLabelByte(data[labelEnd]) { labelEnd += 1 }
        guard let random = hexField(in: data, after: labelEnd), random.count == randomHexDigits,
            let secret = hexField(in: data, after: random.upperBound), secret.count >= secretHexDigitsMin,
            secret.upperBound == data.count || SecretPatterns.isWhitespace(data[secret.upperBound])
        else { return nil }
        return secret
    }

    /// The run of hex digits after the one space at `start`.
    private static func hexField(in data: UnsafeBufferPointer<UInt8>, after start: Int) -> Range<Int>? {
        guard start < data.count, data[start] == 0x20 else { return nil }
        var end = start + 1
        while end < data.count, SecretValueShape.isHexDigit(data[end]) { end += 1 }
        return end > start + 1 ? (start + 1)..<end : nil
    }

    private static func isLabelByte(_ byte: UInt8) -> Bool { (byte >= 0x41 && byte <= 0x5A) || SecretPatterns.isDigit(byte) || byte == 0x5F }
}
