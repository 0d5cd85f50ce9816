/// Private key blocks — PEM (`-----BEGIN RSA PRIVATE KEY-----`, `EC`, `ENCRYPTED`, PKCS#8), OpenSSH
/// (`-----BEGIN OPENSSH PRIVATE KEY-----`), PGP (`-----BEGIN PGP PRIVATE KEY BLOCK-----`) and any other
/// secret key (`-----BEGIN OpenVPN Static key V1-----`; `namesSecretKey`): everything
/// between the BEGIN line and the END line, however many writes it comes in (the open block is a
/// `SecretCarry` until its END arrives).
extension SecretScan {
    private static let begin = Array("-----BEGIN ".utf8)
    private static let end = Array("-----END".utf8)
    /// The dashes that close a BEGIN marker.
    private static let dashes = Array("-----".utf8)
    private static let secretLabelWords: [[UInt8]] = ["private", "secret"].map { Array($0.utf8) }
    private static let keyWord = Array("key".utf8)
    private static let publicWord = Array("public".utf8)

    /// A BEGIN line of a private key at `at`; returns whether there is one.
    /// A key squashed onto one line (`echo $KEY`, `KEY=-----BEGIN … KEY----- body -----END …`) has its body after the
    /// BEGIN marker's closing dashes, on the same line.
    mutating func privateKeyBlock(at: Int) -> Bool {
        guard startsWith(SecretScan.begin, at: at) else { return false }
        var lineStop = at + SecretScan.begin.count
        while lineStop < count, !SecretPatterns.isLineEnd(data[lineStop]), lineStop - at < 80, !startsWith(SecretScan.dashes, at: lineStop) { lineStop += 1 }
        guard namesSecretKey((at + SecretScan.begin.count)..<lineStop) else { return false }
        if startsWith(SecretScan.dashes, at: lineStop) {
            privateKeyBody(from: lineStop + SecretScan.dashes.count)
            return true
        }
        guard lineStop < count else {
            // The BEGIN line goes on in the next region: all of it is the block's.
            pending = .privateKeyBlock
            handledUpTo = count
            return true
        }
        privateKeyBody(from: lineStop)
        return true
    }

    /// Redacts from `start` to the line before the block's END (all of the region, left pending, when
    /// the END has not come yet). The END may have begun in the line so far (a region cut inside it);
    /// a beginning of it at the region's end is left for the next region to complete.
    mutating func privateKeyBody(from start: Int) {
        var index = max(0, start - SecretScan.end.count)
        while index < count {
            if data[index] == 0x2D, startsWith(SecretScan.end, at: index), index == 0 || index == start || endsALine(before: index) {
                var bodyEnd = max(index, start)
                while bodyEnd > start, SecretPatterns.isWhitespace(data[bodyEnd - 1]) { bodyEnd -= 1 }
                var bodyStart = start
                while bodyStart < bodyEnd, SecretPatterns.isWhitespace(data[bodyStart]) { bodyStart += 1 }
                add(bodyStart..<bodyEnd)
                handledUpTo = max(handledUpTo, index + SecretScan.end.count)
                return
            }
            index += 1
        }
        var bodyStart = start
        while bodyStart < count, SecretPatterns.isWhitespace(data[bodyStart]) { bodyStart += 1 }
        var bodyEnd = count
        for length in stride(from: min(SecretScan.end.count - 1, count - bodyStart), through: 1, by: -1)
        where data[(count - length)...].elementsEqual(SecretScan.end.prefix(length)) && (count - length == 0 || SecretPatterns.isWhitespace(data[count - length - 1])) {
            bodyEnd = count - length
            break
        }
        // The line ends stay, so an END at the next region's start is at a line's start.
        while bodyEnd > bodyStart, SecretPatterns.isWhitespace(data[bodyEnd - 1]) { bodyEnd -= 1 }
        add(bodyStart..<bodyEnd)
        pending = .privateKeyBlock
        handledUpTo = count
    }

    /// Whether what comes before `index` ends a line: whitespace, or a `\n` escape (a key inside a JSON string).
    private func endsALine(before index: Int) -> Bool {
        SecretPatterns.isWhitespace(data[index - 1]) || (index >= 2 && data[index - 1] == 0x6E && data[index - 2] == 0x5C)
    }

    private func startsWith(_ bytes: [UInt8], at start: Int) -> Bool {
        start + bytes.count <= count && bytes.indices.allSatisfy { data[start + $0] == bytes[$0] }
    }

    /// Whether a BEGIN line's label names a secret key: `PRIVATE` or `SECRET` in it, or `KEY` without
    /// `PUBLIC` (OpenVPN's `Static key V1`, `tls-crypt-v2 client key`), in any case. A certificate, a
    /// public key, a signature or a message is none.
    private func namesSecretKey(_ label: Range<Int>) -> Bool {
        let lower = data[label].map(SecretPatterns.lowercased)
        let has = { (word: [UInt8]) in lower.count >= word.count && (0...(lower.count - word.count)).contains { lower[$0..<($0 + word.count)].elementsEqual(word) } }
        return SecretScan.secretLabelWords.contains(where: has) || (has(SecretScan.keyWord) && !has(SecretScan.publicWord))
    }
}
