#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The exact strings a run registered as secret (the sudo password, secret-looking environment
/// values, values a command line gave as secret), matched whole and in long pieces: a run of at least
/// `pieceLength(of:)` bytes of a secret is redacted too, so printing part of a password gives nothing
/// away. Their encoded forms (`SecretEncodings`: base64, base64url, base32, URL, hex; for those matched in pieces
/// also lower-cased, `printf %q`-quoted and `od`'s) are matched whole,
/// base64 also across the line breaks of wrapped output.
///
/// Values learned from output (`wholeOnly`: found there by a key or a shape), and registered values that do
/// not look like a credential on their own and are short (`isStrong`), are matched whole only, as words:
/// they were guessed, and a wrong guess matched in pieces would spread to every word sharing 6 bytes
/// with it (`prctl[redacted]bits` in a changelog).
///
/// Pieces are found in one pass: every 6-byte window is looked up in the set of the secrets' 6-byte
/// windows (behind a 64 Ki-bit filter), and a hit is extended to the longest common run.
final class RegisteredSecrets: Sendable {
    /// The shortest piece of a secret that is redacted; shorter secrets are only matched whole.
    static let pieceBytesMin = 6
    private static let gramMask: UInt64 = (1 << 48) - 1
    private static let filterBits = 1 << 16

    /// Longest first, so a whole secret is replaced before anything that overlaps it.
    let secrets: [[UInt8]]
    /// The secrets matched in pieces too (all but the `wholeOnly` ones), longest first.
    private let piecedSecrets: [[UInt8]]
    /// The secrets and their encoded forms, longest first: what is matched whole.
    private let wholeForms: [[UInt8]]
    /// Which whole forms a chunk may hold, found in one pass (most chunks hold none).
    private let wholeFormFilter: FormPrefilter
    /// The `wholeOnly` values as learned: matched as words only, not inside a longer name (`proxypass`
    /// learned from a URL is no secret inside `proxypassword`, nor `CONFIG_FILE` inside `MODEL_CONFIG_FILE`).
    private let wordForms: Set<[UInt8]>
    /// The base64 forms, matched across line breaks too (`base64` wraps its output at 76 columns).
    private let wrappableForms: [[UInt8]]
    private let grams: Set<UInt64>
    private let filter: [UInt64]
    /// A line of base64 alone this long or longer may be wrapped encoded text (`base64` wraps at 76, PEM at 64).
    static let wrappedLineBytesMin = 40

    init(_ strings: [String], wholeOnly: [String] = []) {
        let registered = strings.filter { !$0.isEmpty }.map { Array($0.utf8) }
        let pieced = Set(registered.filter(RegisteredSecrets.isStrong))
        let unique = pieced.union(registered).union(wholeOnly.filter { !$0.isEmpty }.map { Array($0.utf8) })
        let longestFirst: ([UInt8], [UInt8]) -> Bool = { $0.count != $1.count ? $0.count > $1.count : $0.lexicographicallyPrecedes($1) }
        secrets = unique.sorted(by: longestFirst)
        piecedSecrets = pieced.sorted(by: longestFirst)
        wholeForms = Set(unique.flatMap { [$0] + SecretEncodings.forms(of: $0) } + pieced.flatMap(SecretEncodings.renderings)).sorted(by: longestFirst)
        wholeFormFilter = FormPrefilter(wholeForms)
        wordForms = unique.subtracting(pieced)
        wrappableForms = Set(unique.flatMap(SecretEncodings.base64Forms)).filter { $0.count >= SecretEncodings.formBytesMin }.sorted(by: longestFirst)
        var grams = Set<UInt64>()
        var filter = [UInt64](repeating: 0, count: RegisteredSecrets.filterBits / 64)
        for secret in piecedSecrets where secret.count > RegisteredSecrets.pieceBytesMin {
            var window: UInt64 = 0
            for (index, byte) in secret.enumerated() {
                window = ((window << 8) | UInt64(byte)) & RegisteredSecrets.gramMask
                guard index + 1 >= RegisteredSecrets.pieceBytesMin else { continue }
                grams.insert(window)
                let bit = RegisteredSecrets.filterIndex(window)
                filter[bit >> 6] |= 1 << UInt64(bit & 63)
            }
        }
        self.grams = grams
        self.filter = filter
    }

    var isEmpty: Bool { secrets.isEmpty }

    /// Whether a registered value looks like a credential on its own (`SecretValueShape.looksLikeSecret`) and
    /// is matched anywhere, in pieces too. A weak one (`API_KEY=test`, `SECRET_KEY=local`, `DB_PASSWORD=postgres`
    /// in a CI job's environment) is matched as a word only, as a learned value is: `10 tests` and `localhost`
    /// stay (secrets10 finding 19).
    private static func isStrong(_ value: [UInt8]) -> Bool {
        value.count >= strongBytesMin || value.withUnsafeBufferPointer { SecretValueShape.looksLikeSecret($0, 0..<$0.count) }
    }

    /// A registered value this long is matched anywhere whatever it looks like (a passphrase of words).
    static let strongBytesMin = 12

    /// A piece of a secret of `length` bytes this long or longer is treated as the secret (and at
    /// least a third of it).
    static func pieceLength(of length: Int) -> Int { min(length, max(pieceBytesMin, (length + 2) / 3)) }

    private static func filterIndex(_ gram: UInt64) -> Int { Int(truncatingIfNeeded: (gram &* 0x9E37_79B9_7F4A_7C15) >> 48) }

    /// Replaces every whole secret and every long piece of one; returns whether anything was replaced.
    func replace(in data: inout [UInt8]) -> Bool {
        let whole = replaceWhole(in: &data)
        return replacePieces(in: &data) || whole
    }

    /// Replaces every whole secret (a stream does this before deciding what to hold back).
    func replaceWhole(in data: inout [UInt8]) -> Bool {
        guard !secrets.isEmpty, !data.isEmpty else { return false }
        var replaced = false
        let candidates = wholeFormFilter.candidates(in: data)
        for (secret, mayOccur) in zip(wholeForms, candidates) where mayOccur {
            let wordOnly = wordForms.contains(secret)
            var start = 0
            while let found = RegisteredSecrets.find(secret, in: data, from: start) {
                if wordOnly, !RegisteredSecrets.isWord(found..<(found + secret.count), in: data) {
                    start = found + 1
                    continue
                }
                data.replaceSubrange(found..<(found + secret.count), with: SecretPolicy.marker)
                start = found + SecretPolicy.marker.count
                replaced = true
            }
        }
        let wrapped = replaceWrapped(in: &data)
        return replaceInHexDumps(in: &data) || wrapped || replaced
    }

    /// Replaces the bytes of a secret (or a piece of one) that a hex dump shows, in its hex digits and
    /// its text column, however the dump's lines cut it (`HexDumpLines`).
    private func replaceInHexDumps(in data: inout [UInt8]) -> Bool {
        guard data.count >= 16 else { return false }
        var ranges: [Range<Int>] = []
        for run in data.withUnsafeBufferPointer({ HexDumpLines.runs(in: $0) }) {
            var found = pieceRanges(in: run.bytes)
            for secret in secrets {
                var start = 0
                while let at = RegisteredSecrets.find(secret, in: run.bytes, from: start) {
                    found.append(at..<(at + secret.count))
                    start = at + 1
                }
            }
            ranges += found.flatMap(run.originalRanges)
        }
        return SecretPatterns.replace(ranges, in: &data)
    }

    /// Replaces the base64 forms that run over a line break between lines of base64 (each side of the
    /// break on its own; the line ends stay).
    private func replaceWrapped(in data: inout [UInt8]) -> Bool {
        let breaks = RegisteredSecrets.wrappedBreaks(in: data)
        guard !wrappableForms.isEmpty, !breaks.isEmpty else { return false }
        var joined: [UInt8] = []
        var origin: [Int] = []
        joined.reserveCapacity(data.count)
        origin.reserveCapacity(data.count)
        var nextBreak = 0
        var index = 0
        while index < data.count {
            if nextBreak < breaks.count, breaks[nextBreak].lowerBound == index {
                index = breaks[nextBreak].upperBound
                nextBreak += 1
                continue
            }
            joined.append(data[index])
            origin.append(index)
            index += 1
        }
        var ranges: [Range<Int>] = []
        for form in wrappableForms {
            var start = 0
            while let found = RegisteredSecrets.find(form, in: joined, from: start) {
                let (first, last) = (origin[found], origin[found + form.count - 1])
                // A form within one line was replaced already; one over a break, side by side.
                if last - first >= form.count {
                    var pieceStart = first
                    for lineBreak in breaks where lineBreak.lowerBound > first && lineBreak.upperBound <= last {
                        ranges.append(pieceStart..<lineBreak.lowerBound)
                        pieceStart = lineBreak.upperBound
                    }
                    ranges.append(pieceStart..<(last + 1))
                }
                start = found + form.count
            }
        }
        return SecretPatterns.replace(ranges, in: &data)
    }

    /// The line ends (`\n`, `\r\n`) between a line of `wrappedLineBytesMin` base64 bytes or more and
    /// nothing else, and one starting with a base64 byte.
    static func wrappedBreaks(in data: [UInt8]) -> [Range<Int>] {
        var breaks: [Range<Int>] = []
        data.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count, let hit = memchr(base + offset, 0x0A, buffer.count - offset) {
                let lineFeed = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                offset = lineFeed + 1
                let lineEnd = lineFeed > 0 && buffer[lineFeed - 1] == 0x0D ? lineFeed - 1 : lineFeed
                guard lineFeed + 1 < buffer.count, isBase64Byte(buffer[lineFeed + 1]) else { continue }
                // The line is base64 from its start (a digest after `SHA256: ` is no wrapped line).
                var lineStart = lineEnd
                while lineStart > 0, isBase64Byte(buffer[lineStart - 1]) { lineStart -= 1 }
                guard lineEnd - lineStart >= wrappedLineBytesMin, lineStart == 0 || SecretPatterns.isLineEnd(buffer[lineStart - 1]) else { continue }
                breaks.append(lineEnd..<(lineFeed + 1))
            }
        }
        return breaks
    }

    private static func isBase64Byte(_ byte: UInt8) -> Bool {
        SecretPatterns.isLetter(byte) || SecretPatterns.isDigit(byte) || byte == 0x2B || byte == 0x2F || byte == 0x2D || byte == 0x5F || byte == 0x3D
    }

    /// Whether no letter, digit, `_` or `-` touches `range` on either side (the end of `data` does not:
    /// the word may go on in the next chunk, and is taken as ending there).
    private static func isWord(_ range: Range<Int>, in data: [UInt8]) -> Bool {
        (range.lowerBound == 0 || !SecretPatterns.isTokenByte(data[range.lowerBound - 1]))
            && (range.upperBound == data.count || !SecretPatterns.isTokenByte(data[range.upperBound]))
    }

    /// Replaces every long piece of a secret (a stream does this only in what it emits, so a held
    /// piece can still grow into the whole secret).
    func replacePieces(in data: inout [UInt8]) -> Bool {
        SecretPatterns.replace(pieceRanges(in: data), in: &data)
    }

    private func pieceRanges(in data: [UInt8]) -> [Range<Int>] {
        guard !grams.isEmpty, data.count >= RegisteredSecrets.pieceBytesMin else { return [] }
        var ranges: [Range<Int>] = []
        var window: UInt64 = 0
        var index = 0
        while index < data.count {
            window = ((window << 8) | UInt64(data[index])) & RegisteredSecrets.gramMask
            index += 1
            guard index >= RegisteredSecrets.pieceBytesMin else { continue }
            let bit = RegisteredSecrets.filterIndex(window)
            guard filter[bit >> 6] & (1 << UInt64(bit & 63)) != 0, grams.contains(window) else { continue }
            if let piece = longestPiece(in: data, around: (index - RegisteredSecrets.pieceBytesMin)..<index) {
                ranges.append(piece)
                if piece.upperBound > index {
                    index = piece.upperBound
                    window = 0
                    // Refill the window so the next lookup sees the bytes before `index`.
                    for byte in data[max(0, index - RegisteredSecrets.pieceBytesMin + 1)..<index] {
                        window = ((window << 8) | UInt64(byte)) & RegisteredSecrets.gramMask
                    }
                }
            }
        }
        return ranges
    }

    /// The longest run of `data` around `seed` that is also a run of some secret, if long enough.
    private func longestPiece(in data: [UInt8], around seed: Range<Int>) -> Range<Int>? {
        var best: Range<Int>?
        for secret in piecedSecrets where secret.count > RegisteredSecrets.pieceBytesMin {
            var offset = 0
            while let at = RegisteredSecrets.find(Array(data[seed]), in: secret, from: offset) {
                var lower = seed.lowerBound
                var secretLower = at
                while lower > 0, secretLower > 0, data[lower - 1] == secret[secretLower - 1] { lower -= 1; secretLower -= 1 }
                var upper = seed.upperBound
                var secretUpper = at + seed.count
                while upper < data.count, secretUpper < secret.count, data[upper] == secret[secretUpper] { upper += 1; secretUpper += 1 }
                if upper - lower >= RegisteredSecrets.pieceLength(of: secret.count), upper - lower > (best?.count ?? 0) {
                    best = lower..<upper
                }
                offset = at + 1
            }
        }
        return best
    }

    /// The longest suffix of `data`, at least `minimum` bytes, that is a proper prefix of a secret or
    /// (`encodedToo`) of an encoded form: what a stream holds back; or, with `piecedOnly`, of a secret
    /// matched in pieces: what its end redacts (a learned value's beginning is not one).
    func partialSecretLength(_ data: [UInt8], minimum: Int, encodedToo: Bool = false, piecedOnly: Bool = false) -> Int {
        guard let last = data.last else { return 0 }
        var longest = 0
        for secret in encodedToo ? wholeForms : piecedOnly ? piecedSecrets : secrets {
            var length = min(secret.count - 1, data.count)
            while length >= max(minimum, longest + 1) {
                // Only a prefix ending in `data`'s last byte can be its suffix (most lengths fail here, cheaply).
                if secret[length - 1] == last, data.suffix(length).elementsEqual(secret.prefix(length)) {
                    longest = length
                    break
                }
                length -= 1
            }
        }
        return longest
    }

    /// The first index of `needle` at or after `start` (memchr for its first byte, then memcmp).
    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, start >= 0 else { return nil }
        return haystack.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress else { return nil }
            let count = buffer.count
            var offset = start
            return needle.withUnsafeBytes { needleBytes -> Int? in
                guard let needleBase = needleBytes.baseAddress else { return nil }
                while count - offset >= needle.count,
                    let hit = memchr(base + offset, Int32(first), count - offset - needle.count + 1)
                {
                    let index = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + index, needleBase, needle.count) == 0 { return index }
                    offset = index + 1
                }
                return nil
            }
        }
    }
}
