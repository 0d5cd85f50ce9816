/// The end of a stream's current line, handed to the step's other stream (`SecretStream.takeUnfinishedLine`).
struct UnfinishedLine: Sendable {
    /// The line so far, as emitted (redacted).
    var text: [UInt8]
    /// A key's value that has not begun.
    var awaited: SecretCarry
}

/// Redacts one output stream (a step's stdout or stderr) chunk by chunk, so a secret split across
/// chunks — however far apart they arrive — is caught.
///
/// A chunk is emitted up to its last whitespace; the unfinished word after it is held (at most
/// `heldWordBytesMax` bytes) together with any ending that starts a registered secret, and is
/// redacted with the next chunk. A word longer than the bound is cut after its last `&`, `?`, `;`,
/// `|` or bracket near the end (else `heldWordBytesMax` bytes before it), and a value that runs
/// into the cut goes on being redacted in the next chunk. A key whose value has not arrived yet
/// (`--password` at the end of a chunk) is remembered (`SecretCarry`). `finish()` releases what is
/// held; a held beginning of a registered secret is redacted then too, since part of a password is
/// still a secret.
public struct SecretStream: Sendable {
    /// The most bytes held back between chunks (an unfinished word longer than this is cut).
    public static let heldWordBytesMax = 512
    private var secrets: RegisteredSecrets
    private var held: [UInt8] = []
    /// The emitted (redacted) part of the current line, for the next region's scan.
    private var lineSoFar: [UInt8] = []
    /// The fewest bytes of an encoded form's beginning at a line's end held with the line end.
    static let wrappedHoldBytesMin = 4
    /// The most of a line kept as context for the next region.
    static let lineContextBytesMax = 256
    private var carry: SecretCarry = .none
    /// Values redacted by their structure since `takeFound()` (`SecretPolicy.learnedOutputValueBytesMin`
    /// bytes or more), for the recorder to register: the rest of the step loses them wherever they are printed.
    private var found: [String] = []
    /// Whether the stream is the output of a command that prints secrets bare (`SecretPrintingCommands`):
    /// then a line that is one word looking like a secret is one.
    var printsSecrets = false
    /// Whether the stream has emitted a byte (a bare key is redacted only when it is all the stream printed);
    /// set by the recorder for a stream that goes on one it dropped.
    var emittedAny = false

    init(secrets: RegisteredSecrets) { self.secrets = secrets }

    /// Whether bytes are held back, waiting for the rest of their word, or the next chunk must go on
    /// redacting (a value cut mid-word, a key still waiting for its value): then the stream must be kept.
    public var isHolding: Bool { !held.isEmpty || carry != .none }
    /// Whether the stream must be kept for the next chunk: it is holding, or its current line is
    /// unfinished (a key released at a quiet moment, `pass`, is the context of the `word=X` that follows).
    public var mustBeKept: Bool { isHolding || !lineSoFar.isEmpty }

    /// Redacts `chunk` (after what was held) and returns what may be emitted now, and whether
    /// anything in it was replaced.
    public mutating func process(_ chunk: [UInt8]) -> (bytes: [UInt8], redacted: Bool) {
        var data: [UInt8]
        if held.isEmpty {
            data = chunk
        } else {
            data = held
            data.append(contentsOf: chunk)
            held.removeAll(keepingCapacity: true)
        }
        let wholeReplaced = secrets.replaceWhole(in: &data)
        let (hold, cutMidWord) = holdLength(data)
        if hold > 0 {
            held.append(contentsOf: data[(data.count - hold)...])
            data.removeLast(hold)
        }
        let redacted = redact(&data, endsMidWord: cutMidWord)
        emittedAny = emittedAny || !data.isEmpty
        return (data, redacted || (wholeReplaced && Self.containsMarker(data)))
    }

    /// The values redacted by their structure since the last call (see `found`).
    mutating func takeFound() -> [String] {
        defer { found = [] }
        return found
    }

    /// Goes on with the secrets of `policy` (which registered more since this stream began).
    mutating func adopt(_ policy: SecretPolicy) { secrets = policy.registered }

    /// What the step's other stream needs when it writes next, taken from this one: a terminal shows
    /// both on one line, so its unfinished line (`Enter password`, its `: X` on the other channel) and
    /// a key whose value has not begun (`password: ` at the end of a write; a prompt on stdout, the
    /// answer echoed on stderr) go on there. What is held is released first, so the key is seen.
    ///
    /// The key keeps awaiting its value here too: an unrelated line on the other channel (`warning: slow`
    /// between `DB_PASSWORD=` and its value) does not take the value's place. Once the key's separator is
    /// complete (`DB_PASSWORD=`, `password: `), only a word that looks like a secret is taken as the value
    /// there (`SecretCarry.secretLookingWord`, without the key's line as context, whose structure would take
    /// any word), so the unrelated line stays. What the other channel writes `next` may still finish the
    /// separator (`TOKEN =` here, `> X` there): then the line goes on there whole, as before a value.
    mutating func takeUnfinishedLine(before next: [UInt8]) -> (released: (bytes: [UInt8], redacted: Bool), line: UnfinishedLine) {
        let released = held.isEmpty ? ([], false) : releaseWhileQuiet()
        if case .privateKeyBlock = carry {
            // An open key block is the step's: its body may go on on the other channel, and its END come back here.
            defer {
                carry = .none
                lineSoFar = []
            }
            return (released, UnfinishedLine(text: lineSoFar, awaited: carry))
        }
        let finishesSeparator = next.first.map { Self.separatorBytes.contains($0) } ?? true
        let separated = carry.awaitsValue && !carry.isWord && !finishesSeparator
        let line = separated
            ? UnfinishedLine(text: [], awaited: .secretLookingWord)
            : UnfinishedLine(text: lineSoFar, awaited: carry.awaitsValue ? carry : .none)
        lineSoFar = []
        return (released, line)
    }

    /// Bytes that may go on a key's separator (`=>`, `:=`, `::`).
    private static let separatorBytes: Set<UInt8> = [UInt8(ascii: "="), UInt8(ascii: ">"), UInt8(ascii: ":")]

    /// Goes on from the other stream's unfinished line (see `takeUnfinishedLine`): its text is the context
    /// of what comes next here, and a value it awaits is redacted at its start.
    mutating func continueLine(_ line: UnfinishedLine) {
        if !line.text.isEmpty { lineSoFar = Array((line.text + lineSoFar).suffix(SecretStream.lineContextBytesMax)) }
        if carry == .none { carry = line.awaited }
    }

    /// Releases what is held at the end of the stream (or before a command boundary).
    public mutating func finish() -> (bytes: [UInt8], redacted: Bool) { release(streamEnds: true) }

    /// Releases what is held while the stream stays open but quiet (the rest of the word may come much
    /// later, or never), so it reaches the log within the flush bound. As in `finish()`, a held beginning
    /// of a registered secret is redacted; unlike it, a secret value running to the end goes on being
    /// redacted in the next chunk, and a key still waiting for its value is still remembered.
    public mutating func releaseWhileQuiet() -> (bytes: [UInt8], redacted: Bool) { release(streamEnds: false) }

    private mutating func release(streamEnds: Bool) -> (bytes: [UInt8], redacted: Bool) {
        var data = held
        held = []
        var secretTail = secrets.partialSecretLength(data, minimum: 3, piecedOnly: true)
        if !streamEnds {
            // `ghp_Abc` now, the rest of the token later: the beginning of its body is part of a token.
            let line = lineSoFar + data
            let tokenTail = line.withUnsafeBufferPointer { SecretScan(data: $0, wordsPerLine: false).partialTokenBodyLength() }
            secretTail = max(secretTail, min(tokenTail, data.count))
        }
        if secretTail > 0 { data.replaceSubrange((data.count - secretTail)..., with: SecretPolicy.marker) }
        let bareKey = streamEnds && !emittedAny && Self.redactBareKey(&data)
        let redacted = redact(&data, endsMidWord: !streamEnds) || secretTail > 0 || bareKey || Self.containsMarker(data)
        emittedAny = emittedAny || !data.isEmpty
        if streamEnds {
            carry = .none
            lineSoFar = []
        }
        return (data, redacted)
    }

    private mutating func redact(_ data: inout [UInt8], endsMidWord: Bool) -> Bool {
        guard !data.isEmpty else { return false }
        let pieces = secrets.replacePieces(in: &data)
        // The line so far is scanned again with the new bytes, so what a structure needs before its
        // value (`mysql` before `-pX`, a URL's scheme, a key before its `=`) is there however it was split.
        let context = lineSoFar.count
        let found = (context == 0 ? data : lineSoFar + data).withUnsafeBufferPointer {
            SecretPatterns.ranges(in: $0, carry: carry, from: context, endsMidWord: endsMidWord)
        }
        carry = found.carry
        let inData = { (ranges: [Range<Int>]) in ranges.map { ($0.lowerBound - context)..<($0.upperBound - context) } }
        var ranges = inData(found.ranges)
        if printsSecrets { ranges += data.withUnsafeBufferPointer { Self.loneWordLines($0, midLine: context > 0) } }
        remember(values: ranges, in: data)
        let replaced = SecretPatterns.replace(ranges + inData(found.guesses), in: &data)
        // A region cut mid-word that ends in a redaction (a registered secret, a value, a token's
        // beginning) goes on being redacted up to the word's end: the rest of that word may come in the
        // next chunk. (The one place this is decided: the scan leaves it to the stream, which alone knows
        // what registered secrets replaced.)
        if endsMidWord, carry == .none, data.count >= SecretPolicy.marker.count, data.suffix(SecretPolicy.marker.count).elementsEqual(SecretPolicy.marker) {
            carry = .continueWord
        }
        remember(data)
        return replaced || pieces
    }

    /// Adds the values at `ranges` of `data` to `found`: long enough, learnable (`LearnableValues`), not a redaction.
    private mutating func remember(values ranges: [Range<Int>], in data: [UInt8]) {
        for range in ranges where range.count >= SecretPolicy.learnedOutputValueBytesMin {
            let value = Array(data[range])
            let skip = !SecretValueShape.isLearnable(value, fromOutput: true) || Self.containsMarker(value)
            if !skip { found.append(String(decoding: value, as: UTF8.self)) }
        }
    }

    /// Keeps the end of the current line (at most `lineContextBytesMax` bytes) of what was emitted.
    private mutating func remember(_ emitted: [UInt8]) {
        if let lineEnd = emitted.lastIndex(where: SecretPatterns.isLineEnd) {
            lineSoFar = Array(emitted[(lineEnd + 1)...].suffix(SecretStream.lineContextBytesMax))
        } else {
            lineSoFar = Array((lineSoFar + emitted).suffix(SecretStream.lineContextBytesMax))
        }
    }

    /// How many trailing bytes to hold, and whether the emitted part then ends inside a word.
    private func holdLength(_ data: [UInt8]) -> (Int, Bool) {
        let limit = max(0, data.count - SecretStream.heldWordBytesMax)
        var index = data.count
        var cut: Int?
        while index > limit {
            let byte = data[index - 1]
            if SecretPatterns.isWhitespace(byte) { break }
            if cut == nil, SecretStream.isCutPoint(byte) { cut = index }
            index -= 1
        }
        var secretHold = secrets.partialSecretLength(data, minimum: 1, encodedToo: true)
        if secretHold == 0, let last = data.last, SecretPatterns.isLineEnd(last), !secrets.isEmpty {
            // Wrapped base64 (a form's beginning ending a line, its rest on the next): the line end is held too.
            var lineEnd = data.count
            while lineEnd > 0, SecretPatterns.isLineEnd(data[lineEnd - 1]), data.count - lineEnd < 2 { lineEnd -= 1 }
            let line = Array(data[max(0, lineEnd - SecretStream.heldWordBytesMax)..<lineEnd])
            let partial = secrets.partialSecretLength(line, minimum: SecretStream.wrappedHoldBytesMin, encodedToo: true)
            if partial > 0 { secretHold = partial + data.count - lineEnd }
        }
        if index > limit || index == 0 || SecretPatterns.isWhitespace(data[index - 1]) {
            return (max(data.count - index, secretHold, loneLineHold(data)), false)
        }
        // A word longer than the bound: cut it where a new part of it starts, else at the bound.
        let wordHold = data.count - (cut ?? limit)
        return (max(wordHold, secretHold), cut == nil)
    }

    /// The bytes from the start of the line holding a word alone (`LoneValueLines.loneWord`), the last whole
    /// line of `data`, to the end of `data`: a value printed bare, whose meaning what follows tells (the sentence
    /// that names it, maybe begun after it; or the stream's end).
    private func loneLineHold(_ data: [UInt8]) -> Int {
        guard let lastLineEnd = data.lastIndex(where: SecretPatterns.isLineEnd), data.count - lastLineEnd <= SecretStream.heldWordBytesMax else { return 0 }
        return data.withUnsafeBufferPointer { buffer in
            guard let word = LoneValueLines.loneWord(buffer, endingAt: lastLineEnd + 1) else { return 0 }
            var lineStart = word.lowerBound
            while lineStart > 0, !SecretPatterns.isLineEnd(buffer[lineStart - 1]) { lineStart -= 1 }
            return buffer.count - lineStart <= SecretStream.heldWordBytesMax ? buffer.count - lineStart : 0
        }
    }

    /// `data` with its one word replaced when it is all a stream printed (maybe indented, with line ends) and
    /// that word is a bare key (`LoneValueLines.isBareKey`): a key generator's whole output.
    private static func redactBareKey(_ data: inout [UInt8]) -> Bool {
        let word: Range<Int>? = data.withUnsafeBufferPointer { buffer in
            var start = 0
            while start < buffer.count, SecretPatterns.isWhitespace(buffer[start]) { start += 1 }
            var end = start
            while end < buffer.count, !SecretPatterns.isWhitespace(buffer[end]) { end += 1 }
            guard buffer[end...].allSatisfy(SecretPatterns.isWhitespace), LoneValueLines.isBareKey(buffer, start..<end) else { return nil }
            return start..<end
        }
        guard let word else { return false }
        data.replaceSubrange(word, with: SecretPolicy.marker)
        return true
    }

    private static func isCutPoint(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x26, 0x3F, 0x3B, 0x28, 0x29, 0x5B, 0x5D, 0x7B, 0x7D, 0x3C, 0x3E, 0x7C: true
        default: false
        }
    }

    private static func containsMarker(_ data: [UInt8]) -> Bool {
        RegisteredSecrets.find(SecretPolicy.marker, in: data, from: 0) != nil
    }
}
