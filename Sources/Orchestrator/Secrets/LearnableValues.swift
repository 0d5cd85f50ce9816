/// Which values found by their structure are learned (registered for the rest of the run, redacted
/// wherever they appear again), and which values in source code are no values at all. Source printed by
/// a tool (`def connect(host, password=None):`) pairs a name with code: learned, `None):` would redact every
/// later `None`.
extension SecretValueShape {
    /// Punctuation that ends a value in code: `)`, `]`, `}`, `:`, `;`, `,`.
    static func isCodePunctuation(_ byte: UInt8) -> Bool {
        byte == 0x29 || byte == 0x5D || byte == 0x7D || byte == 0x3A || byte == 0x3B || byte == 0x2C
    }

    /// Words of programming languages that stand where a value goes (`None`, `nil`, `self`), in any case.
    private static let languageWords: Set<[UInt8]> = Set(
        ["none", "null", "nil", "true", "false", "undefined", "self", "this", "nullptr"].map { Array($0.utf8) })

    /// `self`, `None):`, `null,`, `nil)`: a language word, or a placeholder followed by code punctuation only.
    static func isCodeStandIn(_ data: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var end = range.upperBound
        while end > range.lowerBound, isCodePunctuation(data[end - 1]) { end -= 1 }
        guard end > range.lowerBound else { return false }
        let core = range.lowerBound..<end
        return languageWords.contains(data[core].map(SecretPatterns.lowercased)) || (end < range.upperBound && isPlaceholder(data, core))
    }

    /// Whether a value found in output or a command line may be learned: no stand-in, no language word,
    /// and, found in output (`fromOutput`), not ending in code punctuation (`x):`, `value,`: the end of a
    /// call or a literal in printed code; a command line's `--password 'Kq7m)'` is learned whole).
    static func isLearnable(_ value: [UInt8], fromOutput: Bool) -> Bool {
        value.withUnsafeBufferPointer { data in
            let range = 0..<data.count
            guard let last = data.last, !(fromOutput && isCodePunctuation(last)), !isPlaceholder(data, range) else { return false }
            return !languageWords.contains(data.map(SecretPatterns.lowercased))
        }
    }
}
