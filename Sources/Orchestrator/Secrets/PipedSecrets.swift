/// A secret piped into a command that reads it from its standard input: `echo X | docker login
/// --password-stdin`, `printf '%s' X | helm registry login --password-stdin`, `echo X | gh auth login
/// --with-token`. An option named for a credential and for standard input (`--password-stdin`, `--token-stdin`,
/// `--with-token`) makes the words `echo` or `printf` print before the `|` the secret.
extension SecretScan {
    private static let stdinWords: [[UInt8]] = ["stdin", "with"].map { Array($0.utf8) }
    private static let printers: Set<[UInt8]> = Set(["echo", "printf"].map { Array($0.utf8) })

    /// `option` (its name, from `at`) reads a credential from standard input: the words printed into the pipe
    /// before it are redacted. Returns whether the option is one.
    mutating func pipedSecret(option name: Range<Int>, at: Int) -> Bool {
        guard readsCredentialFromStdin(name) else { return false }
        // The pipe before the option on its line, and the command that writes into it.
        let lineStart = lineStart(before: at, limit: 512)
        guard let pipe = data[lineStart..<at].lastIndex(of: 0x7C) else { return true }
        var commandStart = pipe
        // Back to where that command starts: a `;`, `&`, `|`, `(` or the line's (the argv word's) start.
        while commandStart > lineStart, !SecretScan.startsCommand(after: data[commandStart - 1]) { commandStart -= 1 }
        var words: [Range<Int>] = []
        var index = commandStart
        while index < pipe {
            while index < pipe, SecretPatterns.isWhitespace(data[index]) { index += 1 }
            guard index < pipe else { break }
            var end = index
            while end < pipe, !SecretPatterns.isWhitespace(data[end]) { end += 1 }
            words.append(index..<end)
            index = end
        }
        guard let printer = words.firstIndex(where: { SecretScan.printers.contains(Array(data[$0])) }) else { return true }
        for word in words[(printer + 1)...] where data[word.lowerBound] != 0x2D && !data[word].contains(0x25) {
            var value = word
            if value.count >= 2, SecretPatterns.isQuote(data[value.lowerBound]), data[value.upperBound - 1] == data[value.lowerBound] {
                value = (value.lowerBound + 1)..<(value.upperBound - 1)
            }
            if !SecretValueShape.isPlaceholder(data, value) { add(value) }
        }
        return true
    }

    private static func startsCommand(after byte: UInt8) -> Bool {
        byte == 0x3B || byte == 0x26 || byte == 0x7C || byte == 0x28 || SecretPatterns.isLineEnd(byte)
    }

    /// Whether an option's name says it reads a credential from standard input: two parts, `stdin` or `with`
    /// and a credential's name (`password-stdin`, `with-token`).
    private func readsCredentialFromStdin(_ name: Range<Int>) -> Bool {
        var parts: [Range<Int>] = []
        var partStart = name.lowerBound
        for index in name where data[index] == 0x2D {
            parts.append(partStart..<index)
            partStart = index + 1
        }
        parts.append(partStart..<name.upperBound)
        guard parts.count == 2,
            let stdinPart = parts.firstIndex(where: { part in SecretScan.stdinWords.contains { $0.elementsEqual(data[part].lazy.map(SecretPatterns.lowercased)) } })
        else { return false }
        let credential = parts[1 - stdinPart]
        return CredentialName.kind(of: data, credential.lowerBound, credential.upperBound) == .strong
    }
}
