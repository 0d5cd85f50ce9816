import Foundation
import InstallModel

/// What a run treats as secret, and the one way anything is redacted (ARCHITECTURE.md, "SecretPolicy").
///
/// A policy holds the strings registered for the run (the sudo password, values of secret-looking
/// environment variables, values its command lines give as secret) and applies them, whole, in long
/// pieces and in their common encodings, together with the structures of `SecretPatterns` (values of
/// credential names in any syntax, URL and connection-string credentials, password options, private
/// key blocks, token shapes). Every entry point goes through it: the `EventRecorder` for a run (output
/// chunks as a stream, `SecretStream`; every other event string by string), `import`, and pasted
/// output given to `diagnose`.
public struct SecretPolicy: Sendable {
    /// The revision of what the policy finds, named in the header of every log recorded under it
    /// (`PlanArchive.creator`): such a log is read as stored, any other through this policy again
    /// (`EventScrubber.isNeeded`). Raise it whenever the policy comes to find what it did not before.
    public static let revision = 26
    /// What a secret is replaced with.
    public static let marker: [UInt8] = Array("[redacted]".utf8)
    public static let markerText = "[redacted]"
    /// A value a command line gives as secret shorter than this is not registered (it would redact
    /// ordinary words in the output), though it is still redacted where it was found.
    static let learnedValueBytesMin = 4
    /// A value output gives by its structure (`password=X`) shorter than this is not registered for the
    /// rest of the run: output is prose, and short values are common words.
    static let learnedOutputValueBytesMin = 6
    /// The registered strings, as given (matched whole and in pieces).
    public let secrets: [String]
    /// The values learned from output (found there by a key or a shape): matched whole only.
    let learnedFromOutput: [String]
    let registered: RegisteredSecrets

    public init(secrets: [String] = []) { self.init(secrets: secrets, learnedFromOutput: []) }

    private init(secrets: [String], learnedFromOutput: [String]) {
        let declared = secrets.filter { !$0.isEmpty }
        self.secrets = declared
        self.learnedFromOutput = learnedFromOutput.filter { !$0.isEmpty && !declared.contains($0) }
        registered = RegisteredSecrets(declared, wholeOnly: self.learnedFromOutput)
    }

    /// This policy with `more` registered too: matched whole only if they were learned `fromOutput`
    /// (a guess there, spread by pieces, would redact every word sharing 6 bytes with it), else in pieces too.
    public func registering(_ more: [String], fromOutput: Bool = false) -> SecretPolicy {
        let new = more.filter { !$0.isEmpty && !secrets.contains($0) && (!fromOutput || !learnedFromOutput.contains($0)) }
        guard !new.isEmpty else { return self }
        return fromOutput
            ? SecretPolicy(secrets: secrets, learnedFromOutput: learnedFromOutput + new)
            : SecretPolicy(secrets: secrets + new, learnedFromOutput: learnedFromOutput)
    }

    /// A fresh stream redactor for one output stream.
    public func makeStream() -> SecretStream { SecretStream(secrets: registered) }

    /// Redacts registered secrets and patterns in a whole string (a label, a reason, a message).
    public func redact(_ text: String) -> String { redactFinding(text).text }

    /// Redacts the words of a command line, one element each, so `["--password", "X"]`,
    /// `["mysql", "-pX"]` and `["curl", "-u", "user:pass"]` lose their values as the joined line would.
    /// Only a one-word value carries from one element to the next (a line's rest stays in its element:
    /// evidence lines).
    public func redact(words: [String]) -> [String] { redactFinding(words: words).words }

    /// `text` redacted, and this policy with what the command line gives as secret registered too
    /// (`--password X`, `NAME=value` with a secret-looking name, a URL's password), so the command's
    /// output loses it wherever it is printed (`diagnose --output … --command …`).
    /// A value given once by its structure is gone from the whole text: its other places are redacted too.
    /// The text is read as a shell script (`ScriptSecrets`): each of its commands gets the rules of a command line's words.
    public func learning(fromCommand text: String) -> (policy: SecretPolicy, redacted: String) {
        let (words, found) = redactFinding(words: [text], wholeIsScript: true)
        let learned = registering(found.filter { $0.utf8.count >= Self.learnedValueBytesMin })
        return (learned, learned.redact(words[0]))
    }

    /// `text` redacted, and the values found in it by their structure (registered ones aside).
    func redactFinding(_ text: String) -> (text: String, found: [String]) {
        let (words, found) = redactFinding(words: [text])
        return (words[0], found)
    }

    /// The words redacted, and the values found in them by their structure (for `registering`). A word after a
    /// shell's `-c` (or every word, `wholeIsScript`) is a script: its commands get the rules of a command line too.
    func redactFinding(words: [String], wholeIsScript: Bool = false) -> (words: [String], found: [String]) {
        var joined: [UInt8] = []
        var spans: [Range<Int>] = []
        for word in words {
            if !joined.isEmpty || !spans.isEmpty { joined.append(0x0A) }
            let start = joined.count
            joined.append(contentsOf: word.utf8)
            spans.append(start..<joined.count)
        }
        var findings = joined.withUnsafeBufferPointer {
            SecretPatterns.ranges(in: $0, carry: .none, endsMidWord: false, wordsPerLine: words.count > 1)
        }
        if words.count > 1 {
            findings.ranges = ArgvElementValues.extended(findings.ranges, words: words, spans: spans)
            findings.guesses = ArgvElementValues.extended(findings.guesses, words: words, spans: spans)
        }
        if words.count > 1 {
            let text = outputText(words: words, spans: spans, joined: joined)
            findings.ranges += text.ranges
            findings.guesses += text.guesses
        }
        for index in words.indices where wholeIsScript || (index > 0 && ScriptSecrets.isScriptOption(words[index - 1])) {
            let script = joined.withUnsafeBufferPointer { ScriptSecrets.ranges(in: $0, spans[index]) }
            findings.ranges += script.ranges
            findings.guesses += script.guesses
        }
        // An option whose value is a command (`ssh -o ProxyCommand=…`, `git -c core.sshCommand=…`; secrets20 #5).
        for index in words.indices.dropFirst() {
            guard let valueStart = ScriptSecrets.commandValueStart(words[index]) else { continue }
            let script = joined.withUnsafeBufferPointer { ScriptSecrets.ranges(in: $0, (spans[index].lowerBound + valueStart)..<spans[index].upperBound) }
            findings.ranges += script.ranges
            findings.guesses += script.guesses
        }
        var found: [String] = []
        let clean = zip(words, spans).map { word, span -> String in
            let inWord = { (ranges: [Range<Int>]) in
                ranges.compactMap { range -> Range<Int>? in
                    let clamped = range.clamped(to: span)
                    return clamped.isEmpty ? nil : (clamped.lowerBound - span.lowerBound)..<(clamped.upperBound - span.lowerBound)
                }
            }
            var data = Array(word.utf8)
            // What was only guessed by its shape is redacted here, never learned.
            for range in inWord(findings.ranges) where range.count >= SecretPolicy.learnedValueBytesMin {
                let value = Array(data[range])
                if SecretValueShape.isLearnable(value, fromOutput: false) { found.append(String(decoding: value, as: UTF8.self)) }
            }
            let patterns = SecretPatterns.replace(inWord(findings.ranges) + inWord(findings.guesses), in: &data)
            let registeredFound = registered.replace(in: &data)
            return patterns || registeredFound ? String(decoding: data, as: UTF8.self) : word
        }
        return (clean, found)
    }

    /// The secrets of what a command line holds as text, found by the rules of output (secrets20 #1): the words
    /// `echo`/`printf` print, joined as printed, and each word of several words (a line given as an argument).
    private func outputText(words: [String], spans: [Range<Int>], joined: [UInt8]) -> (ranges: [Range<Int>], guesses: [Range<Int>]) {
        var texts = words.indices.dropFirst().filter { words[$0].contains(" ") }.map { spans[$0] }
        if ScriptSecrets.isPrinter(words[0]) { texts = [spans[1].lowerBound..<spans[spans.count - 1].upperBound] }
        var found: (ranges: [Range<Int>], guesses: [Range<Int>]) = ([], [])
        // The printed words are one line, as printed.
        let separators = Set(spans.dropLast().map(\.upperBound))
        for span in texts {
            let text = span.map { separators.contains($0) ? 0x20 : joined[$0] }
            let scanned = text.withUnsafeBufferPointer { SecretPatterns.ranges(in: $0, carry: .none, endsMidWord: false) }
            let shift = { (range: Range<Int>) in (range.lowerBound + span.lowerBound)..<(range.upperBound + span.lowerBound) }
            found.ranges += scanned.ranges.map(shift)
            found.guesses += scanned.guesses.map(shift)
        }
        return found
    }

    /// Scrubs an encoded event as `scrub` does, then registers what its command lines gave as secret and
    /// scrubs it again, so a value given once by its structure (`DB_PASSWORD=X` in a `sh -c` line) is gone
    /// from every other place in the event too (`echo X`, its base64). Returns whether anything was replaced
    /// and what was registered, for the output streams to adopt.
    mutating func scrubLearning(payload: inout [UInt8]) -> (replaced: Bool, learned: [String]) {
        let (replaced, found) = scrub(payload: &payload)
        let learned = found.filter { $0.utf8.count >= Self.learnedValueBytesMin }
        guard !learned.isEmpty else { return (replaced, []) }
        self = registering(learned)
        return (scrub(payload: &payload).replaced || replaced, learned)
    }

    /// Whether `text` holds what a redaction left (a resumed plan must not run it as if it were real).
    public static func holdsRedaction(_ text: String) -> Bool { text.contains(markerText) }

    /// Scrubs an encoded event (the JSON form; output chunks are binary and go through a stream) in
    /// place; returns whether anything was replaced, and the values found by their structure (what
    /// `registering` should learn: a command's `--password X` is then redacted in its output too).
    func scrub(payload: inout [UInt8]) -> (replaced: Bool, found: [String]) {
        guard payload.first == EventPayload.jsonTag else { return (false, []) }
        let (clean, found) = JSONStringScrubber.scrub(Array(payload.dropFirst()), with: self)
        guard let clean else { return (false, found) }
        payload = [EventPayload.jsonTag] + clean
        return (true, found)
    }
}
