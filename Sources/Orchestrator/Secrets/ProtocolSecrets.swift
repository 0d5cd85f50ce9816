/// Credentials in the transcripts of text protocols: FTP `PASS X`, IMAP `a001 LOGIN user X`, SMTP and
/// POP `AUTH PLAIN X`, redis `AUTH [user] X` — a command verb in capitals that is the first word of its
/// line, or follows one word there (a prompt: `--->`, `C:`, `127.0.0.1:6379>`; a tag: `a001`). Its last
/// argument is the credential; after a SASL mechanism name (`AUTH PLAIN X`), the word that follows it.
extension SecretScan {
    private struct ProtocolVerb {
        let word: [UInt8]
        /// Its arguments: at least this many (the credential is the last), at most `argumentsMax`.
        let argumentsMin: Int
        let argumentsMax: Int
    }

    private static let protocolVerbs: [ProtocolVerb] = [
        ProtocolVerb(word: Array("PASS".utf8), argumentsMin: 1, argumentsMax: 1),
        ProtocolVerb(word: Array("AUTH".utf8), argumentsMin: 1, argumentsMax: 2),
        ProtocolVerb(word: Array("LOGIN".utf8), argumentsMin: 2, argumentsMax: 2),
    ]
    /// The pairs of capitals the verbs end with (previous, current): where the scan looks.
    static let protocolVerbEnds: [(UInt8, UInt8)] = protocolVerbs.map { ($0.word[$0.word.count - 2], $0.word[$0.word.count - 1]) }
    /// SASL mechanisms (RFC 4422 names), after which `AUTH` gives the credential (or nothing: `AUTH LOGIN`).
    private static let saslMechanisms: Set<[UInt8]> = Set([
        "PLAIN", "LOGIN", "CRAM-MD5", "DIGEST-MD5", "XOAUTH2", "OAUTHBEARER", "SCRAM-SHA-1", "SCRAM-SHA-256", "NTLM", "GSSAPI",
        "EXTERNAL", "ANONYMOUS",
    ].map { Array($0.utf8) })

    /// `index` is the last capital of a word that may be a protocol verb.
    mutating func protocolCommand(endingAt index: Int) {
        let end = index + 1
        guard end < count, data[end] == 0x20 else { return }
        var start = index
        while start > 0, data[start - 1] >= 0x41, data[start - 1] <= 0x5A { start -= 1 }
        guard start == 0 || SecretPatterns.isWhitespace(data[start - 1]),
            let verb = SecretScan.protocolVerbs.first(where: { $0.word.elementsEqual(data[start..<end]) })
        else { return }
        let lineStart = lineStart(before: start, limit: 128)
        guard data[lineStart..<start].split(whereSeparator: SecretPatterns.isSpace).count <= 1 else { return }
        var arguments: [Range<Int>] = []
        let stop = lineEnd(from: end)
        var index = end
        while index < stop {
            while index < stop, SecretPatterns.isSpace(data[index]) { index += 1 }
            guard index < stop else { break }
            let word = index..<min(stop, wordEnd(from: index, separators: false))
            arguments.append(word)
            index = word.upperBound
        }
        // Arguments are words, no arrows or options (`AUTH -> SPW_SECUREWARE` in a changelog).
        guard var value = arguments.last, (verb.argumentsMin...verb.argumentsMax).contains(arguments.count),
            !arguments.contains(where: { data[$0.lowerBound] == 0x2D || data[$0].contains(0x3E) })
        else { return }
        if verb.argumentsMax == 2, SecretScan.saslMechanisms.contains(Array(data[arguments[0]])) {
            guard arguments.count == 2 else { return }
            value = arguments[1]
        }
        if value.count > 2, SecretPatterns.isQuote(data[value.lowerBound]), data[value.upperBound - 1] == data[value.lowerBound] {
            value = (value.lowerBound + 1)..<(value.upperBound - 1)
        }
        // `PASS src/App.test.js` is a test runner's line, `AUTH failed` a message.
        guard isValueWord(value, quoted: false), !SecretScan.namesFile(data, value) else { return }
        add(value)
    }

    private static let aclCommand = Array("setuser".utf8)
    private static let aclUserLine = Array("user ".utf8)

    /// A redis ACL rule `>X` (the `>` at `at`) on a line that sets a user's rules (`ACL SETUSER alice on >X ~* +get`,
    /// an ACL file's or `ACL LIST`'s `user alice on >X`): X, to the word's end, is the user's password.
    mutating func aclPassword(at: Int) {
        let end = wordEnd(from: at + 1, separators: false)
        guard end > at + 1 else { return }
        let start = lineStart(before: at, limit: 256)
        var first = start
        while first < at, SecretPatterns.isSpace(data[first]) { first += 1 }
        let lowered = data[first..<at].map(SecretPatterns.lowercased)
        let userLine = lowered.starts(with: SecretScan.aclUserLine)
        guard userLine || lowered.indices.contains(where: { lowered[$0...].starts(with: SecretScan.aclCommand) }) else { return }
        add((at + 1)..<end)
    }

    /// A path or a file name (`src/app.js`, `App.test.ts`): a `/`, or a dot and 1 to 4 letters at the end.
    private static func namesFile(_ data: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        if range.contains(where: { data[$0] == 0x2F }) { return true }
        var index = range.upperBound
        while index > range.lowerBound, SecretPatterns.isLetter(data[index - 1]), range.upperBound - index < 5 { index -= 1 }
        return index < range.upperBound && index > range.lowerBound + 1 && data[index - 1] == 0x2E && range.upperBound - index <= 4
    }
}
