/// A secret value in one argument of a command line is the whole rest of that argument: a scan ends a
/// value at a space, but `-e 'POSTGRES_PASSWORD=correct horse battery staple'`, `-u 'deploy:a b c'` and
/// `'-pcorrect horse'` are one argument each, and a passphrase is exactly the secret with spaces. An
/// argument that is a script (after `-c`, or holding `;`, `|`, `&`, a newline or a command substitution)
/// is words of its own, so its value still ends at the space (`sh -c 'DB_PASSWORD=x make'` keeps `make`).
enum ArgvElementValues {
    /// `ranges` (in the joined words, `spans` the place of each word) with each range that a space inside
    /// its argument ended grown to the argument's end.
    static func extended(_ ranges: [Range<Int>], words: [String], spans: [Range<Int>]) -> [Range<Int>] {
        guard !ranges.isEmpty else { return ranges }
        let bytes = words.map { Array($0.utf8) }
        return ranges.map { range in
            guard let index = spans.firstIndex(where: { $0.contains(range.lowerBound) }) else { return range }
            let span = spans[index]
            let word = bytes[index]
            let end = range.upperBound - span.lowerBound
            let afterScriptOption = index > 0 && ScriptSecrets.isScriptOption(words[index - 1])
            guard range.upperBound < span.upperBound, end >= 0, end < word.count, !afterScriptOption else { return range }
            // An argument that is one assignment (`-e 'DB_PASSWORD=a b&c'`, `env 'TOKEN=x;y'`): its value is all the rest,
            // whatever shell syntax it holds (secrets20 #4).
            if let equals = assignmentValueStart(word), equals == range.lowerBound - span.lowerBound { return range.lowerBound..<span.upperBound }
            guard word[end] == 0x20, !isScript(word, after: index > 0 ? words[index - 1] : nil) else { return range }
            return range.lowerBound..<span.upperBound
        }
    }

    /// Where the value starts in an argument that is `NAME=value` (after an option's dashes: `--build-arg=`, no).
    private static func assignmentValueStart(_ word: [UInt8]) -> Int? {
        guard let first = word.first, SecretPatterns.isLetter(first) || first == 0x5F,
            let equals = word.firstIndex(of: 0x3D),
            word[..<equals].allSatisfy({ SecretPatterns.isLetter($0) || SecretPatterns.isDigit($0) || $0 == 0x5F || $0 == 0x2E || $0 == 0x2D })
        else { return nil }
        return equals + 1
    }

    /// Whether an argument is a script: the value of a shell's `-c` (`-c`, `-lc`, `-ec`), or shell syntax in it.
    private static func isScript(_ word: [UInt8], after previous: String?) -> Bool {
        if let previous, ScriptSecrets.isScriptOption(previous) { return true }
        for (index, byte) in word.enumerated() {
            switch byte {
            case 0x3B, 0x7C, 0x26, 0x0A, 0x0D, 0x60: return true
            case 0x28 where index > 0 && word[index - 1] == 0x24: return true
            default: continue
            }
        }
        return false
    }
}
