import Foundation

/// One command-line policy for every place a command is written as a string (secrets15 F14, F20): the script of
/// `sh -c '…'` (`bash -lc`, `su -c`), a command pasted to `diagnose --command`, and a `set -x` trace line in output
/// (`+ htpasswd -b FILE USER X`). The string is read with the shell's word grammar (`ShellScriptWords`), and each of
/// its simple commands is scanned as the words of a command line (`SecretScan.wordsPerLine`: the positional and
/// named-option rules an argv gets), what is found there being redacted in the string as written.
enum ScriptSecrets {
    /// How deep `sh -c` scripts inside scripts are read.
    private static let depthMax = 3

    /// Whether an argv word makes the next one a script: a shell's `-c` alone or ending a cluster (`-c`, `-lc`, `-ec`).
    static func isScriptOption(_ word: some StringProtocol) -> Bool {
        word.count <= 6 && word.hasPrefix("-") && !word.hasPrefix("--") && word.hasSuffix("c") && word.dropFirst().allSatisfy(\.isLetter)
    }

    /// The secrets of the commands of the script `data[range]`: by a structure (`ranges`), and guessed by a shape (`guesses`).
    static func ranges(in data: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, depth: Int = 0) -> (ranges: [Range<Int>], guesses: [Range<Int>]) {
        var found: (ranges: [Range<Int>], guesses: [Range<Int>]) = ([], [])
        guard depth < depthMax, !range.isEmpty else { return found }
        let commands = ShellScriptWords(data, range).commands
        for (position, command) in commands.enumerated() {
            let words = command.words
            if command.hereString != nil { found.ranges += pipedSecrets(into: command, from: nil) }
            if command.pipesIntoNext, position + 1 < commands.count { found.ranges += pipedSecrets(into: commands[position + 1], from: command) }
            guard words.count > 1 else { continue }
            // `echo`'s and `printf`'s words are a message, not a command's options (`echo the password is wrong`):
            // what they print is output, and gets its rules (secrets20 #1: `echo password: X`, a netrc line).
            let prints = printers.contains(words[0].bytes)
            var joined: [UInt8] = []
            var offsets: [Int] = []
            for (index, word) in words.enumerated() where !prints || index > 0 {
                if index > (prints ? 1 : 0) {
                    joined.append(prints ? 0x20 : 0x0A)
                    offsets.append(offsets.last ?? range.lowerBound)
                }
                joined += word.bytes
                offsets += word.offsets
            }
            // `printf FORMAT ARGS`: the line it prints, each argument in its conversion's place (`printf "password: %s\n" X`).
            if words[0].bytes == printfWord, words.count > 2 { (joined, offsets) = formatted(words) }
            let inScript = { (ranges: [Range<Int>]) in
                ranges.filter { !$0.isEmpty }.map { offsets[$0.lowerBound]..<(offsets[$0.upperBound - 1] + 1) }
            }
            let findings = joined.withUnsafeBufferPointer { SecretPatterns.ranges(in: $0, carry: .none, endsMidWord: false, wordsPerLine: !prints) }
            found.ranges += inScript(findings.ranges)
            found.guesses += inScript(findings.guesses)
            // A script inside the script: after a shell's `-c` (`ssh host sh -c '…'` in a recipe's `bash -c`), or a
            // command substitution in a quoted word (`--password "$(openssl passwd -6 'X')"`).
            for (index, word) in words.enumerated() {
                let inner: Range<Int>?
                if index > 0, isScriptOption(String(decoding: words[index - 1].bytes, as: UTF8.self)), let first = word.offsets.first, let last = word.offsets.last {
                    inner = first..<(last + 1)
                } else {
                    inner = substitution(in: word)
                }
                guard let inner else { continue }
                let innerFound = ranges(in: data, inner, depth: depth + 1)
                found.ranges += innerFound.ranges
                found.guesses += innerFound.guesses
            }
        }
        return found
    }

    private static let printers: Set<[UInt8]> = Set(["echo", "printf"].map { Array($0.utf8) })
    private static let printfWord = Array("printf".utf8)

    /// What `printf FORMAT ARGS…` prints, with each byte's place in the script: its arguments in the places of the
    /// format's conversions (`%s`, `%-10s`; `%%` is a `%`), `\n` a line end.
    private static func formatted(_ words: [ShellScriptWords.Word]) -> (bytes: [UInt8], offsets: [Int]) {
        let format = words[1]
        var arguments = words[2...].makeIterator()
        var bytes: [UInt8] = []
        var offsets: [Int] = []
        var index = 0
        while index < format.bytes.count {
            let byte = format.bytes[index]
            if byte == 0x25, index + 1 < format.bytes.count {
                var conversion = index + 1
                while conversion < format.bytes.count, !SecretPatterns.isLetter(format.bytes[conversion]), format.bytes[conversion] != 0x25 { conversion += 1 }
                if conversion < format.bytes.count, format.bytes[conversion] == 0x25 {
                    bytes.append(0x25)
                    offsets.append(format.offsets[index])
                } else if let argument = arguments.next() {
                    bytes += argument.bytes
                    offsets += argument.offsets
                }
                index = conversion + 1
                continue
            }
            let lineEnd = byte == 0x5C && index + 1 < format.bytes.count && format.bytes[index + 1] == 0x6E
            bytes.append(lineEnd ? 0x0A : byte)
            offsets.append(format.offsets[index])
            index += lineEnd ? 2 : 1
        }
        return (bytes, offsets)
    }

    /// Where the value starts (in UTF-8 bytes) of an argument `NAME=value` whose name ends in `command`, any case
    /// (`ProxyCommand=…`, `core.sshCommand=…`, `GIT_SSH_COMMAND=…`): a command line given as an option's value.
    static func commandValueStart(_ word: String) -> Int? {
        let bytes = Array(word.utf8)
        guard let equals = bytes.firstIndex(of: 0x3D), equals >= 7, bytes[..<equals].allSatisfy({ CredentialName.isNameByte($0) }),
            bytes[(equals - 7)..<equals].map(SecretPatterns.lowercased).elementsEqual("command".utf8)
        else { return nil }
        return equals + 1
    }

    /// Whether a command's first word is `echo` or `printf` (by path too): its other words are what it prints.
    static func isPrinter(_ word: String) -> Bool {
        printers.contains(Array(word.utf8.split(separator: 0x2F).last ?? []))
    }

    /// The script of the first `$(…)` inside a word (quoted, so the word grammar kept it whole), in the script's offsets.
    private static func substitution(in word: ShellScriptWords.Word) -> Range<Int>? {
        guard let open = word.bytes.indices.dropLast().first(where: { word.bytes[$0] == 0x24 && word.bytes[$0 + 1] == 0x28 }) else { return nil }
        var depth = 0
        for index in (open + 1)..<word.bytes.count {
            if word.bytes[index] == 0x28 { depth += 1 } else if word.bytes[index] == 0x29 {
                depth -= 1
                if depth == 0 { return index > open + 2 ? word.offsets[open + 2]..<word.offsets[index] : nil }
            }
        }
        return nil
    }

    /// What `echo`/`printf` pipes (or a here-string gives) to a command that reads a secret from its standard
    /// input (secrets15 F15): the printed words, or the here-string, are the secret.
    private static func pipedSecrets(into reader: ShellScriptWords.Command, from writer: ShellScriptWords.Command?) -> [Range<Int>] {
        guard readsSecretFromStdin(reader.words.map { String(decoding: $0.bytes, as: UTF8.self) }) else { return [] }
        var printed = writer == nil ? reader.hereString.map { [$0] } ?? [] : []
        if let writer, let first = writer.words.first, printers.contains(first.bytes) {
            // Options and a format (`printf '%s\n' X`) are no secret.
            printed += writer.words.dropFirst().filter { $0.bytes.first != 0x2D && !$0.bytes.contains(0x25) }
        }
        return printed.compactMap { word in
            guard let first = word.offsets.first, let last = word.offsets.last, !word.bytes.isEmpty else { return nil }
            return first..<(last + 1)
        }
    }

    /// Programs that read a password from standard input whatever their words say.
    private static let passwordReaders: Set<String> = ["passwd", "chpasswd", "kinit", "smbpasswd", "ldappasswd", "htpasswd"]
    /// Programs whose short option (alone or in a cluster: `-S`, `-kS`) makes them read their password from standard input.
    private static let stdinPasswordOptions: [String: Set<Character>] = ["sudo": ["S"]]
    /// Parts of a word that say the command handles a secret.
    private static let secretParts = ["pass", "secret", "token", "key", "cred", "auth"]

    /// Whether a command reads a secret from its standard input: a program that reads passwords so (`passwd`,
    /// `kinit`), or a command with a word naming a secret (`docker secret create`, `--password-file`,
    /// `password=-`) and a word reading stdin (`-`, `/dev/stdin`, `…=-`, `…-stdin`, `-fd 0`, `gh secret set`'s
    /// missing `--body`: a `set`/`put` after `secret`).
    static func readsSecretFromStdin(_ words: [String]) -> Bool {
        guard let tool = words.first.map({ String($0.split(separator: "/").last ?? "") }) else { return false }
        if passwordReaders.contains(tool) { return true }
        // A program's own option to read its password from standard input: `sudo -S` (`--stdin`, also `passwd
        // --stdin`), `cryptsetup -d -` (its key file).
        if words.dropFirst().contains(where: { $0 == "--stdin" }) { return true }
        if let options = stdinPasswordOptions[tool] {
            // The options before the command it runs (a two-letter option's argument among them: `-u root`, `-p ""`).
            let rest = Array(words.dropFirst())
            let given = rest.indices.prefix { rest[$0].hasPrefix("-") || ($0 > 0 && rest[$0 - 1].count == 2 && rest[$0 - 1].hasPrefix("-")) }.map { rest[$0] }
            if given.contains(where: { word in !word.hasPrefix("--") && options.contains { word.dropFirst().contains($0) } }) { return true }
        }
        if tool == "cryptsetup", zip(words, words.dropFirst()).contains(where: { ($0 == "-d" || $0 == "--key-file") && $1 == "-" }) { return true }
        let lower = words.dropFirst().map { $0.lowercased() }
        guard lower.contains(where: { word in secretParts.contains { word.contains($0) } }) else { return false }
        let stdin = lower.contains { word in
            word == "-" || word.hasSuffix("/dev/stdin") || word.hasSuffix("=-") || word.hasSuffix("-stdin") || word == "stdin" || word == "0"
                || word.contains("$(cat)")
        }
        let setsFromStdin = zip(lower, lower.dropFirst()).contains { ($0 == "secret" || $0 == "secrets") && ($1 == "set" || $1 == "put") }
            && !lower.contains { $0 == "--body" || $0 == "-b" || $0.hasPrefix("--body=") }
        return stdin || setsFromStdin
    }

    /// The secrets of the `set -x` trace lines of output (`+ cmd …`, `++ cmd …` at a line's start), read as scripts.
    static func traceLineRanges(in data: UnsafeBufferPointer<UInt8>) -> (ranges: [Range<Int>], guesses: [Range<Int>]) {
        var found: (ranges: [Range<Int>], guesses: [Range<Int>]) = ([], [])
        guard let base = data.baseAddress else { return found }
        var index = 0
        while index < data.count, let hit = memchr(base + index, 0x2B, data.count - index) {
            let plus = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            index = plus + 1
            guard plus == 0 || SecretPatterns.isLineEnd(data[plus - 1]) else { continue }
            var start = plus
            while start < data.count, data[start] == 0x2B { start += 1 }
            guard start + 1 < data.count, data[start] == 0x20, !SecretPatterns.isWhitespace(data[start + 1]) else { continue }
            var end = start
            while end < data.count, !SecretPatterns.isLineEnd(data[end]) { end += 1 }
            let line = ranges(in: data, (start + 1)..<end)
            found.ranges += line.ranges
            found.guesses += line.guesses
            index = end
        }
        return found
    }
}
