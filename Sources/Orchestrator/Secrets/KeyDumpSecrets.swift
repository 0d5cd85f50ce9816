/// Private keys printed as labelled lines rather than a PEM block: PuTTY's `.ppk` (`Private-Lines: N`
/// then N lines of base64, and `Private-MAC: X`), `openssl rsa -text` / `openssl genpkey -text` after
/// their `Private-Key:` header (`privateExponent:`, `prime1:`, … and EC's `priv:`, each over indented
/// hex-colon lines), and a key file's `… secret key` label line followed by the key (minisign).
extension SecretScan {
    private static let privateWord = Array("private".utf8)
    private static let linesLabel = Array("lines:".utf8)
    private static let macLabel = Array("mac:".utf8)
    private static let keyLabel = Array("key:".utf8)
    private static let keyWord = Array("key".utf8)
    /// The most lines a `Private-Lines:` count is believed for.
    private static let countedLinesMax = 64

    /// The `-` at `at` inside `Private-Lines:`, `Private-MAC:` or `Private-Key:`: whether it was one (the
    /// lines or the value it announces are then redacted).
    mutating func keyDumpLabel(dashAt at: Int) -> Bool {
        guard endsWithWord(SecretScan.privateWord, at: at, caseSensitive: false) else { return false }
        let after = at + 1
        if let colon = label(SecretScan.macLabel, at: after) {
            applyValue(.restOfLine, from: colon + 1)
            return true
        }
        if let colon = label(SecretScan.linesLabel, at: after) {
            var digits = colon + 1
            while digits < count, SecretPatterns.isSpace(data[digits]) { digits += 1 }
            var number = 0
            while digits < count, SecretPatterns.isDigit(data[digits]), number <= SecretScan.countedLinesMax {
                number = number * 10 + Int(data[digits] - 0x30)
                digits += 1
            }
            guard (1...SecretScan.countedLinesMax).contains(number) else { return false }
            dumpBelow(lineOf: digits, counted: number)
            return true
        }
        guard let colon = label(SecretScan.keyLabel, at: after) else { return false }
        dumpBelow(lineOf: colon, counted: 0)
        return true
    }

    /// The dump on the lines below the label line holding `index`. A label line not yet whole is looked at
    /// again in the next region (the stream's context holds it), so nothing is left pending for it.
    private mutating func dumpBelow(lineOf index: Int, counted: Int) {
        var stop = index
        while stop < count, !SecretPatterns.isLineEnd(data[stop]) { stop += 1 }
        if stop < count { keyDumpLines(from: stop, counted: counted) }
    }

    /// The end of `word` (lowercase, ending in `:`) when it is at `start`, in any case.
    private func label(_ word: [UInt8], at start: Int) -> Int? {
        guard start + word.count <= count else { return nil }
        for offset in word.indices where SecretPatterns.lowercased(data[start + offset]) != word[offset] { return nil }
        return start + word.count - 1
    }

    /// `… secret key` ending its line, `valueStart` at `key` (minisign's `untrusted comment: minisign
    /// encrypted secret key`): the line below is the key. Whether it was such a line.
    mutating func keyLabelLine(keyAt valueStart: Int) -> Bool {
        guard let end = label(SecretScan.keyWord, at: valueStart).map({ $0 + 1 }) else { return false }
        var stop = end
        if stop < count, data[stop] == 0x3A { stop += 1 }
        while stop < count, SecretPatterns.isSpace(data[stop]) { stop += 1 }
        guard stop == count || SecretPatterns.isLineEnd(data[stop]) else { return false }
        dumpBelow(lineOf: stop, counted: 1)
        return true
    }

    /// From `start` (the end of the label's line, or a region's start inside the dump): the dump's data
    /// lines are redacted, its label lines (`prime1:`) kept. With `counted` > 0, that many lines of
    /// base64 or hex, however short, are the key; else lines of hex pairs or base64 (indented, or unindented base64 of 16 bytes
    /// or more) go on until another line or a blank one. A line is counted once whole; a region that ends
    /// first leaves the rest pending (`SecretCarry.keyDumpLines`), the line it ended in read again.
    mutating func keyDumpLines(from start: Int, counted: Int) {
        var index = start < count && SecretPatterns.isLineEnd(data[start]) ? start : lineStart(before: start, limit: 256)
        var left = counted
        if index < count, data[index] == 0x0D { index += 1 }
        if index < count, data[index] == 0x0A { index += 1 }
        while true {
            var stop = index
            while stop < count, !SecretPatterns.isLineEnd(data[stop]) { stop += 1 }
            var content = index
            while content < stop, SecretPatterns.isSpace(data[content]) { content += 1 }
            let whole = stop < count
            if content == stop {
                // A blank line ends the dump; one not yet whole may still be its next line.
                if !whole { pending = .keyDumpLines(counted: left) }
                return
            }
            let line = content..<stop
            if isKeyDataLine(line, indented: content > index || counted > 0, whole: whole) {
                add(line)
            } else if !isLabelLine(line) {
                return
            }
            guard whole else {
                pending = .keyDumpLines(counted: left)
                return
            }
            if counted > 0 {
                left -= 1
                if left == 0 { return }
            }
            index = stop
            if index < count, data[index] == 0x0D { index += 1 }
            if index < count, data[index] == 0x0A { index += 1 }
            if index == count {
                pending = .keyDumpLines(counted: left)
                return
            }
        }
    }

    /// Hex pairs and colons, or base64 (what a redaction left in it too); unindented, base64 of 16 bytes or
    /// more with no colon (a line not yet whole may be shorter).
    private func isKeyDataLine(_ line: Range<Int>, indented: Bool, whole: Bool) -> Bool {
        var colon = false
        for index in line {
            let byte = data[index]
            if byte == 0x3A { colon = true; continue }
            guard SecretScan.isBase64URLByte(byte) || byte == 0x2B || byte == 0x2F || byte == 0x5B || byte == 0x5D else { return false }
        }
        return indented || (!colon && (line.count >= 16 || !whole))
    }

    /// `prime1:`, `publicExponent: 65537 (0x10001)`: a name, a colon, maybe a value.
    private func isLabelLine(_ line: Range<Int>) -> Bool {
        guard SecretPatterns.isLetter(data[line.lowerBound]) else { return false }
        for index in line {
            let byte = data[index]
            if byte == 0x3A { return true }
            guard SecretPatterns.isLetter(byte) || SecretPatterns.isDigit(byte) || byte == 0x2D || byte == 0x20 else { return false }
        }
        return false
    }
}
