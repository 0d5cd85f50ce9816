/// Private key blocks — PEM (`-----BEGIN RSA PRIVATE KEY-----`, `EC`, `ENCRYPTED`, PKCS#8), OpenSSH
/// (`-----BEGIN OPENSSH PRIVATE KEY-----`), PGP (`-----BEGIN PGP PRIVATE KEY BLOCK-----`) and any other
/// secret key (`-----BEGIN OpenVPN Static key V1-----`; `namesSecretKey`): the body between the BEGIN line
/// and the END line (`-----END`, or `------END` with more dashes: NATS `.creds`), however many writes it
/// comes in (the open block is a `SecretCarry` until its END arrives).
///
/// The body is bounded by its shape, so a BEGIN line without an END (a `grep` hit, `head -1 key.pem`, or a
/// step that prints one to hide what it does next) cannot swallow the output after it (secrets15 F7): a body
/// line is one word of base64/hex letters (`+/=_-`) or an armor header (`Proc-Type:`, `Version:`); the first
/// line that is neither ends the block, and so do `keyBlockBytesMax` bytes of body. On the BEGIN line itself
/// (a key squashed onto one line, `echo $KEY`) the body is the words of those letters after the marker.
extension SecretScan {
    private static let begin = Array("-----BEGIN ".utf8)
    private static let end = Array("-----END".utf8)
    /// The dashes that close a BEGIN marker.
    private static let dashes = Array("-----".utf8)
    private static let secretLabelWords: [[UInt8]] = ["private", "secret", "token", "password", "credential", "seed"].map { Array($0.utf8) }
    private static let keyWord = Array("key".utf8)
    private static let publicWord = Array("public".utf8)
    /// The most bytes of body a BEGIN line opens (a 16384-bit RSA key in PEM is 13 KB, an armored PGP secret
    /// keyring with many subkeys and a photo id some 100 KB): past it the block is taken to have ended, and output
    /// is scanned as usual.
    static let keyBlockBytesMax = 256 * 1024
    /// The header lines of PEM (RFC 1421) and OpenPGP armor (RFC 4880) that a key body may start with.
    private static let armorHeaders: [[UInt8]] = ["proc-type:", "dek-info:", "comment:", "version:", "hash:", "charset:", "messageid:"].map { Array($0.utf8) }

    /// A BEGIN line of a private key at `at`; returns whether there is one.
    /// A key squashed onto one line (`echo $KEY`, `KEY=-----BEGIN … KEY----- body -----END …`) has its body after the
    /// BEGIN marker's closing dashes, on the same line.
    mutating func privateKeyBlock(at: Int) -> Bool {
        guard startsWith(SecretScan.begin, at: at) else { return false }
        var lineStop = at + SecretScan.begin.count
        while lineStop < count, !SecretPatterns.isLineEnd(data[lineStop]), lineStop - at < 80, !startsWith(SecretScan.dashes, at: lineStop) { lineStop += 1 }
        guard namesSecretKey((at + SecretScan.begin.count)..<lineStop) else { return false }
        // A log's per-line prefix before the BEGIN marker (`web-1  | `) is before each body line too.
        let prefix = wordsPerLine ? nil : LinePrefix(data, lineStart(before: at, limit: 256), at)
        if startsWith(SecretScan.dashes, at: lineStop) {
            privateKeyBody(from: lineStop + SecretScan.dashes.count, bytesLeft: SecretScan.keyBlockBytesMax, prefix: prefix)
            return true
        }
        guard lineStop < count else {
            // The BEGIN line goes on in the next region: all of it is the block's.
            pending = .privateKeyBlock(bytesLeft: SecretScan.keyBlockBytesMax, prefix: prefix)
            handledUpTo = count
            return true
        }
        privateKeyBody(from: lineStop, bytesLeft: SecretScan.keyBlockBytesMax, prefix: prefix)
        return true
    }

    /// Redacts the body from `start` to the block's END, to the first line that is no body line, or to
    /// `bytesLeft` bytes on; an open block at the region's end is left pending. The END may have begun in the
    /// line so far (a region cut inside it); a beginning of it at the region's end is left for the next region.
    /// Under a log's line `prefix`, each line is read after it, and only what follows it is redacted.
    mutating func privateKeyBody(from start: Int, bytesLeft: Int, prefix: LinePrefix? = nil) {
        if let prefix {
            prefixedKeyBody(from: start, bytesLeft: bytesLeft, prefix: prefix)
            return
        }
        var segment = start
        var bodyStop = start
        while segment < count || segment == start {
            var segmentEnd = segment
            while segmentEnd < count, !SecretPatterns.isLineEnd(data[segmentEnd]) { segmentEnd += 1 }
            if let (bodyEnd, marker) = endMarker(in: segment == start ? max(0, start - SecretScan.end.count) : segment, to: segmentEnd, start: start) {
                finishKeyBody(start..<max(start, bodyEnd), handled: marker + SecretScan.end.count)
                return
            }
            let midLine = segment > 0 && !SecretPatterns.isLineEnd(data[segment - 1])
            let bodyEnd = midLine ? squashedBodyEnd(segment..<segmentEnd) : (isBodyLine(segment..<segmentEnd) ? segmentEnd : segment)
            let overBudget = segmentEnd - start > bytesLeft
            if overBudget || bodyEnd < segmentEnd {
                // No body line, or too long a body: the block ended without its END, and what follows is output again.
                let stop = overBudget ? segment : bodyEnd
                finishKeyBody(start..<stop, handled: stop)
                return
            }
            bodyStop = segmentEnd
            if segmentEnd == count { break }
            segment = segmentEnd + 1
        }
        var bodyStart = start
        while bodyStart < bodyStop, SecretPatterns.isWhitespace(data[bodyStart]) { bodyStart += 1 }
        var bodyEnd = count
        for length in stride(from: min(SecretScan.end.count - 1, count - bodyStart), through: 1, by: -1)
        where data[(count - length)...].elementsEqual(SecretScan.end.prefix(length)) && (count - length == 0 || SecretPatterns.isWhitespace(data[count - length - 1])) {
            bodyEnd = count - length
            break
        }
        // The line ends stay, so an END at the next region's start is at a line's start.
        while bodyEnd > bodyStart, SecretPatterns.isWhitespace(data[bodyEnd - 1]) { bodyEnd -= 1 }
        add(bodyStart..<bodyEnd)
        pending = .privateKeyBlock(bytesLeft: bytesLeft - (count - start), prefix: nil)
        handledUpTo = count
    }

    /// `privateKeyBody` for lines that each start with `prefix`: each line's body after its prefix is redacted, the
    /// prefixes stay. A line whose rest (or whole, without the prefix) is no body line ends the block.
    private mutating func prefixedKeyBody(from start: Int, bytesLeft: Int, prefix: LinePrefix) {
        var segment = start
        while segment < count || segment == start {
            var segmentEnd = segment
            while segmentEnd < count, !SecretPatterns.isLineEnd(data[segmentEnd]) { segmentEnd += 1 }
            // The line's own start (the region may begin inside it, after its prefix or inside the BEGIN line).
            let line = segment == start ? lineStart(before: segment, limit: 512) : segment
            let isLast = segmentEnd == count
            if let (bodyEnd, marker) = endMarker(in: max(line, segment - SecretScan.end.count), to: segmentEnd, start: start) {
                let after = isBeginLine(line, start) ? segment : prefix.end(in: data, line..<bodyEnd) ?? segment
                finishKeyBody(max(after, segment)..<max(after, segment, bodyEnd), handled: marker + SecretScan.end.count)
                return
            }
            let overBudget = segmentEnd - start > bytesLeft
            let body: Range<Int>?
            if isBeginLine(line, start) {
                // The rest of the BEGIN line (a key squashed onto it).
                body = segment..<squashedBodyEnd(segment..<segmentEnd)
            } else {
                // A line without the prefix is read whole (the BEGIN line's prefix was a message's: `debug: using -----BEGIN`).
                let after = prefix.end(in: data, line..<segmentEnd, partial: isLast) ?? line
                let rest = max(after, segment)..<segmentEnd
                body = isBodyLine(rest) || (isLast && data[rest].allSatisfy(Self.isKeyLetter)) ? rest : nil
            }
            guard let body, !overBudget else {
                handledUpTo = max(handledUpTo, segment)
                return
            }
            finishKeyBody(body, handled: segmentEnd)
            if body.upperBound < segmentEnd { return }
            if isLast { break }
            segment = segmentEnd + 1
        }
        pending = .privateKeyBlock(bytesLeft: bytesLeft - (count - start), prefix: prefix)
        handledUpTo = count
    }

    /// Whether the line starting at `line` is the BEGIN line a block's body starts in at `start`.
    private func isBeginLine(_ line: Int, _ start: Int) -> Bool {
        line < start && data[line..<start].indices.contains { startsWith(SecretScan.begin, at: $0) }
    }

    /// Redacts `body` without the whitespace around it; the scan goes on at `handled`.
    private mutating func finishKeyBody(_ body: Range<Int>, handled: Int) {
        var bodyEnd = body.upperBound
        while bodyEnd > body.lowerBound, SecretPatterns.isWhitespace(data[bodyEnd - 1]) { bodyEnd -= 1 }
        var bodyStart = body.lowerBound
        while bodyStart < bodyEnd, SecretPatterns.isWhitespace(data[bodyStart]) { bodyStart += 1 }
        add(bodyStart..<bodyEnd)
        handledUpTo = max(handledUpTo, handled)
    }

    /// Where the body ends (the first of the marker's dashes) and an END marker starts in `from..<to`: at a
    /// line's start, after whitespace, after more dashes (`------END`), or at `start`.
    private func endMarker(in from: Int, to: Int, start: Int) -> (bodyEnd: Int, marker: Int)? {
        var index = from
        while index < to {
            if data[index] == 0x2D, startsWith(SecretScan.end, at: index) {
                var dashes = index
                while dashes > 0, data[dashes - 1] == 0x2D { dashes -= 1 }
                if dashes == 0 || dashes == start || index == start || endsALine(before: dashes) { return (dashes, index) }
            }
            index += 1
        }
        return nil
    }

    /// Whether a whole line is a body line: one word of key letters, an armor header, or blank.
    private func isBodyLine(_ line: Range<Int>) -> Bool {
        var first = line.lowerBound
        while first < line.upperBound, SecretPatterns.isWhitespace(data[first]) { first += 1 }
        var last = line.upperBound
        while last > first, SecretPatterns.isWhitespace(data[last - 1]) { last -= 1 }
        if data[first..<last].allSatisfy(Self.isKeyLetter) { return true }
        let lower = data[first..<min(last, first + 12)].map(SecretPatterns.lowercased)
        return SecretScan.armorHeaders.contains { lower.starts(with: $0) }
    }

    /// The end of the words of key letters (and the `\n` escapes of a key in a JSON string) that start `line`,
    /// the rest of a line a BEGIN marker or an earlier region began.
    private func squashedBodyEnd(_ line: Range<Int>) -> Int {
        var end = line.lowerBound
        while end < line.upperBound, Self.isKeyLetter(data[end]) || SecretPatterns.isSpace(data[end]) || data[end] == 0x5C { end += 1 }
        return end
    }

    /// Base64, base64url and hex letters, and the padding `=`.
    private static func isKeyLetter(_ byte: UInt8) -> Bool {
        SecretPatterns.isLetter(byte) || SecretPatterns.isDigit(byte) || byte == 0x2B || byte == 0x2F || byte == 0x3D || byte == 0x5F || byte == 0x2D
    }

    /// Whether what comes before `index` ends a line: whitespace, or a `\n` escape (a key inside a JSON string).
    private func endsALine(before index: Int) -> Bool {
        SecretPatterns.isWhitespace(data[index - 1]) || (index >= 2 && data[index - 1] == 0x6E && data[index - 2] == 0x5C)
    }

    private func startsWith(_ bytes: [UInt8], at start: Int) -> Bool {
        start + bytes.count <= count && bytes.indices.allSatisfy { data[start + $0] == bytes[$0] }
    }

    /// Whether a BEGIN line's label names a secret key: a credential's word in it (`PRIVATE`, `SECRET`, `TOKEN`: cloudflared's
    /// `ARGO TUNNEL TOKEN`, `PASSWORD`, `CREDENTIAL`, `SEED`), or `KEY` without
    /// `PUBLIC` (OpenVPN's `Static key V1`, `tls-crypt-v2 client key`), in any case. A certificate, a
    /// public key, a signature or a message is none.
    private func namesSecretKey(_ label: Range<Int>) -> Bool {
        let lower = data[label].map(SecretPatterns.lowercased)
        let has = { (word: [UInt8]) in lower.count >= word.count && (0...(lower.count - word.count)).contains { lower[$0..<($0 + word.count)].elementsEqual(word) } }
        return SecretScan.secretLabelWords.contains(where: has) || (has(SecretScan.keyWord) && !has(SecretScan.publicWord))
    }
}
