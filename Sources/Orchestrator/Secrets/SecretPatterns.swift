/// What the end of one redacted region leaves pending for the start of the next (a key whose value
/// has not arrived yet, a value cut mid-word, an open private key block).
enum SecretCarry: Sendable, Equatable {
    case none
    /// A value was cut mid-word: redact up to the next separator.
    case continueWord
    /// `key=` ended the region: the value is the word that starts the next.
    case assignedWord
    /// `--password X`, `Bearer X`: the next word on the line is the value.
    case nextWord
    /// `auth: X`: the next word, if it looks like a secret (`SecretValueShape`).
    case secretLookingWord
    /// `password X`, `password -> X` in a sentence: the next word, if it looks random (`SecretValueShape`)
    /// — found by its shape after a word of prose, so redacted there but never learned (`SecretScan.guesses`).
    case proseWord
    /// `curl -u user:pass`: the part after the first colon of the next word.
    case nextWordAfterColon
    /// YAML `password: X`: the rest of the line (or the quoted string that starts it).
    case restOfLine
    /// `Authorization: Basic X`: the rest of the line after an optional scheme word.
    case schemeThenRest
    /// A key ended its line, and the region ends before the line below: its word or the lines indented
    /// deeper than `indent` (`SecretScan.lineValue`).
    case lineBelow(indent: Int)
    /// Rows of a table whose header named a credential: field `column` of each row of `fields` fields
    /// (`separator` a space: the word at byte `column` of each row under an aligned header).
    case tableColumn(column: Int, fields: Int, separator: UInt8)
    /// Inside a private key block: its body lines up to its END line, at most `bytesLeft` more bytes of them
    /// (`SecretScan.keyBlockBytesMax`; a line that is no body line ends it too), each line after `prefix` if the BEGIN
    /// line had one (`LinePrefix`).
    case privateKeyBlock(bytesLeft: Int, prefix: LinePrefix?)
    /// A key that starts its line ended the region (`password:`, `password =`): the rest of the line,
    /// or, when that is empty or a YAML block indicator (`|`, `>-`), the lines below indented deeper
    /// than `indent` (the key line's indentation).
    case lineValue(indent: Int)
    /// Lines indented deeper than `indent` are a value (a YAML block scalar, an INI continuation);
    /// `midLine`: the region starts inside such a line; else `seen` spaces of the line's indentation
    /// came before it; `scalarOnly`: a line that is a mapping entry (`name: x`) or list item ends it (a
    /// nested mapping's values are found by their own names).
    case indentedLines(indent: Int, midLine: Bool, scalarOnly: Bool, seen: Int)
    /// A quoted key and its separator (`"password":`, `'password' =>`): the value is the next JSON
    /// value, on this line or a later one.
    case jsonValue
    /// `Cookie:`, `Set-Cookie:`, `--cookie`: the values of the `name=value` pairs that follow.
    case cookieList
    /// `- name: VAULT_TOKEN` ended its line: the rest of the `value:` line below is its value.
    case valueLineBelow
    /// Inside a block a credential's name opened (HCL's `variable "db_password" {`): its `default` is
    /// the value, on one of the next `linesLeft` lines, `depth` blocks nested in it being open.
    case blockValue(linesLeft: Int, depth: Int)
    /// Inside a key printed as labelled lines (`SecretScan.keyDumpLines`): its data lines, `counted` more
    /// of them (0: as long as they look like key data).
    case keyDumpLines(counted: Int)
    /// A sentence about a credential ended its line (`labelOnly`: without a colon): the value on the next
    /// line not blank (`SecretScan.promptedLine`).
    case promptedLine(labelOnly: Bool)
    /// A line holding only a credential's name ended the region (redis `CONFIG GET requirepass`): the next
    /// line is its value (`anyValue`: whatever it looks like; `SecretScan.listedValue`).
    case listedValue(anyValue: Bool)
    /// Inside a JSON array or object a credential's name opened (`"unseal_keys_b64": [`): its strings, `depth`
    /// containers open, for `linesLeft` more lines (`SecretScan.containerStrings`).
    case containerStrings(depth: Int, linesLeft: Int)
    /// A credential's name as an element's text ended, and the next element has not come (`<key>Password</key>` then
    /// `<string>X</string>`): its text is the value (`SecretScan.nextElementText`).
    case elementText
    /// An unfinished line of BIP39 words ended the region: the words that go on it (`SecretScan.mnemonics`).
    case mnemonicWords

    /// Whether the value is one word (it may then be on the next line of a command line's words).
    var isWord: Bool { self == .nextWord || self == .secretLookingWord || self == .proseWord || self == .nextWordAfterColon }
    /// Whether a key is waiting for a value that has not begun (the value may come on the other channel).
    var awaitsValue: Bool {
        switch self {
        case .assignedWord, .restOfLine, .schemeThenRest, .lineValue, .lineBelow, .jsonValue, .cookieList, .listedValue: true
        default: isWord
        }
    }
}

/// What a scan of a region found: the ranges of secrets (by a structure: learned for the rest of the
/// run), those guessed by their shape alone (redacted, not learned), and what is pending at its end.
struct SecretFindings {
    var ranges: [Range<Int>]
    var guesses: [Range<Int>]
    var carry: SecretCarry
}

/// Finds secrets by the structures they come in, not by a list of examples (ARCHITECTURE.md,
/// "SecretPolicy"): a value after a name that says it is a credential (`KeyValueSecrets`, named by
/// `CredentialName`), credentials in URLs (`URLSecrets`), password options (`OptionSecrets`), private
/// key blocks (`PrivateKeyBlocks`), tokens by their shape (`TokenShapes`).
///
/// A scan is one pass over the bytes that looks pairs up in `triggerPairs` (`SecretTriggerScan`); only
/// where a structure may start or end (a `=`, a `:` after a name, a `-` starting a word, a prefix's last
/// byte, a pair of letters inside a credential word) are the bytes around checked.
enum SecretPatterns {
    /// Authentication schemes that precede the credential in an `Authorization:` value.
    static let schemes: Set<String> = ["basic", "bearer", "token", "digest", "negotiate", "ntlm", "aws4-hmac-sha256", "ssws"]
    static let bearerWord = Array("bearer".utf8)
    /// Pairs of letters (lowercase; previous, current) inside the credential words that may stand
    /// before a value with only a space between (`password`, `passwd`, `pwd`, `secret`, `credential`,
    /// `token`, `key`, `dsn`; `ss` and `au` for the compounds of `pass` and `auth`: `requirepass`, `masterauth`; `nw` for
    /// `Kennwort`, whose other pairs are none of these),
    /// and `by` (`IDENTIFIED BY`, a phrase of `CredentialVocabulary`): where `KeyValueSecrets.credentialWord` looks.
    static let wordPairs: [(UInt8, UInt8)] = [
        (0x73, 0x77), (0x70, 0x77), (0x6E, 0x77), (0x63, 0x72), (0x6F, 0x6B), (0x65, 0x79), (0x62, 0x79), (0x73, 0x6E), (0x73, 0x73), (0x61, 0x75),
    ]
    /// `cc` (any case), where netrc's `account` is looked for (`KeyValueSecrets.netrcAccount`).
    static let accountPair: (UInt8, UInt8) = (0x63, 0x63)
    /// For each pair of bytes (indexed current << 8 | previous), whether a structure may be there: `@`,
    /// `=`; `:` after a quote, letter, digit, space (`"key" : X`) or non-ASCII byte; `-` starting a word or after `o`;
    /// `>` after `-` (an arrow), a space (a redis ACL rule) or a name (an XML tag); a token prefix's last byte after the byte before
    /// it; `be` (bearer), `cc` (`account`), `yJ` (a JWT), and `wordPairs`, in any case; the capitals a protocol verb ends
    /// with (`SS`, `TH`, `IN`: `ProtocolSecrets`).
    ///
    /// Built once per process from the rules' own lists: the operator bytes against every byte before them,
    /// then each listed pair marked (a walk of all 65,536 pairs through every list cost a debug-built evlog
    /// 0.6 s of CPU before it recorded its first event).
    static let triggerPairs: [Bool] = {
        var table = [Bool](repeating: false, count: 65536)
        func mark(_ previous: UInt8, _ current: UInt8) { table[Int(current) << 8 | Int(previous)] = true }
        for previous in UInt8.min...UInt8.max {
            for current: UInt8 in [0x40, 0x3D, 0x3A, 0x2D, 0x3E] where isOperatorTrigger(previous: previous, current: current) {
                mark(previous, current)
            }
        }
        // `be` and the credential words' pairs in any case; `yJ`, the verbs' capitals and the prefixes' ends as written.
        for (previous, current) in [(UInt8(0x62), UInt8(0x65)), accountPair] + wordPairs {
            for previousForm in caseForms(previous) {
                for currentForm in caseForms(current) { mark(previousForm, currentForm) }
            }
        }
        mark(0x79, 0x4A)
        for (previous, current) in SecretScan.protocolVerbEnds { mark(previous, current) }
        for shape in SecretScan.tokenPrefixes where shape.prefix.count >= 2 {
            mark(shape.prefix[shape.prefix.count - 2], shape.prefix[shape.prefix.count - 1])
        }
        return table
    }()

    /// Whether `current`, one of `@ = : - >`, may start or end a structure after `previous`.
    private static func isOperatorTrigger(previous: UInt8, current: UInt8) -> Bool {
        switch current {
        case 0x40, 0x3D: return true
        case 0x3A: return isQuote(previous) || isLetter(previous) || isDigit(previous) || previous >= 0x80 || previous == 0x20
        // `-` starting a word, or after `o` (PowerShell's `ConvertTo-SecureString`).
        case 0x2D: return isWhitespace(previous) || isQuote(previous) || lowercased(previous) == 0x6F
        case 0x3E: return previous == 0x2D || previous == 0x20 || isLetter(previous) || isDigit(previous)
        default: return false
        }
    }

    /// A lowercase letter and its capital; any other byte alone.
    private static func caseForms(_ byte: UInt8) -> [UInt8] {
        byte >= 0x61 && byte <= 0x7A ? [byte, byte - 0x20] : [byte]
    }

    /// The ranges of `data[start...]` that hold secrets, and what is pending at its end. `data[..<start]`
    /// is context (the line so far, already emitted); `carry` is what the previous region left, applied
    /// at `start`; `endsMidWord` says the region was cut inside a word (a long word); `wordsPerLine`
    /// that it is a command line's words, one per line.
    static func ranges(
        in data: UnsafeBufferPointer<UInt8>, carry: SecretCarry, from start: Int = 0, endsMidWord: Bool, wordsPerLine: Bool = false
    ) -> SecretFindings {
        // Escape sequences, control bytes and format characters inside a key (`pass\e[0mword=X`,
        // `pass\u{200B}word=X`) are scanned as shown, full-width and look-alike letters as ASCII.
        let scan = { (shown: ShownText) in
            let found = shown.bytes.withUnsafeBufferPointer {
                shownRanges(in: $0, carry: carry, from: shown.shownIndex(of: start), endsMidWord: endsMidWord, wordsPerLine: wordsPerLine)
            }
            return SecretFindings(
                ranges: found.ranges.map { shown.originalRange(of: $0) }, guesses: found.guesses.map { shown.originalRange(of: $0) }, carry: found.carry)
        }
        var found: SecretFindings
        if let shown = ShownText(stripping: data) {
            found = scan(shown)
            // A backspace or an OSC string may be read two ways (`ShownText`): what either finds is redacted.
            if let overwritten = ShownText(stripping: data, reading: .overwriting) {
                let other = scan(overwritten)
                found.ranges += other.ranges
                found.guesses += other.guesses
            }
            found.ranges += ClipboardEscape.payloads(in: data)
        } else {
            found = shownRanges(in: data, carry: carry, from: start, endsMidWord: endsMidWord, wordsPerLine: wordsPerLine)
        }
        // A key written with escapes (`pass\u0077ord`, URL-encoded JSON) is found where they are decoded.
        if let decoded = ShownText(stripping: data, reading: .decoded) {
            let other = scan(decoded)
            found.ranges += other.ranges
            found.guesses += other.guesses
        }
        return found
    }

    /// `ranges` of text with nothing hidden in it.
    private static func shownRanges(
        in data: UnsafeBufferPointer<UInt8>, carry: SecretCarry, from start: Int, endsMidWord: Bool, wordsPerLine: Bool
    ) -> SecretFindings {
        var scan = SecretScan(data: data, wordsPerLine: wordsPerLine)
        scan.applyValue(carry, from: start)
        // One pass finds the few places worth a look (SecretTriggerScan); each is checked as it is found.
        SecretTriggerScan.forEachIndex(in: data) { index in
            guard index >= scan.handledUpTo else { return }
            let byte = data[index]
            switch byte {
            case 0x40: scan.urlUserInfo(at: index)
            case 0x3D, 0x3A:
                // A key block as the value (`SSH_KEY=-----BEGIN …`, `key: "-----BEGIN …`): the block rule, whatever the key.
                var value = index + 1
                while value < data.count, value - index <= 2, isWhitespace(data[value]) || isQuote(data[value]) { value += 1 }
                if value < data.count, data[value] == 0x2D, scan.privateKeyBlock(at: value) { return }
                scan.keyValue(separatorAt: index)
            case 0x3E:
                // `->` is a separator (`password -> X`); after a name, `>` closes an XML tag; after a space, it
                // may start a redis ACL rule's password (`ACL SETUSER alice on >X`).
                if index == 0 || data[index - 1] == 0x20 {
                    scan.aclPassword(at: index)
                } else if data[index - 1] == 0x2D { scan.keyValue(separator: (index - 1)..<(index + 1), isColon: false) } else { scan.xmlElement(closingAt: index) }
            case 0x2D: scan.dash(at: index)
            case 0x5F, 0x2E: scan.prefixedToken(endingAt: index)
            default:
                // A letter: the second of a pair (index > 0, as the pair table has a previous byte there).
                let pair = (lowercased(data[index - 1]), lowercased(byte))
                if byte == 0x4A, data[index - 1] == 0x79 {
                    scan.jwt(at: index)
                } else if pair == (0x62, 0x65) {
                    scan.bearer(at: index - 1)
                } else if pair == accountPair {
                    scan.netrcAccount(at: index)
                } else if wordPairs.contains(where: { $0 == pair }) {
                    scan.credentialWord(at: index)
                    // `PASS X`: `ss` is also a protocol verb's end.
                    if SecretScan.protocolVerbEnds.contains(where: { $0 == (data[index - 1], byte) }) { scan.protocolCommand(endingAt: index) }
                } else if SecretScan.protocolVerbEnds.contains(where: { $0 == (data[index - 1], byte) }) {
                    scan.protocolCommand(endingAt: index)
                    // `PIN` (`Enter PIN for authenticator: X`) ends with a verb's capitals.
                    scan.credentialWord(at: index)
                } else {
                    scan.prefixedToken(endingAt: index)
                }
            }
        }
        scan.bareAWSSecrets()
        scan.prefixedRandomTokens()
        scan.mnemonics()
        if wordsPerLine {
            scan.positionalSecrets()
            scan.namedArgvSecrets()
        } else {
            let traced = ScriptSecrets.traceLineRanges(in: data)
            let audited = AuditArgvSecrets.ranges(in: data)
            scan.ranges += traced.ranges + audited.ranges
            scan.guesses += traced.guesses + audited.guesses + SudoPromptAnswers.ranges(in: data) + TracedPromptAnswers.ranges(in: data)
            scan.ranges += KeyLogLines.ranges(in: data) + WireGuardDumpLines.ranges(in: data) + IPsecSecretLines.ranges(in: data)
            scan.guesses += HexDumpLines.patternRanges(in: data)
            scan.communityDirectives()
        }
        if endsMidWord, scan.pending == .none { scan.unfinishedURLCredential() }
        let inRegion = { (ranges: [Range<Int>]) in
            start == 0 ? ranges : ranges.compactMap { range in range.upperBound > start ? max(range.lowerBound, start)..<range.upperBound : nil }
        }
        return SecretFindings(ranges: inRegion(scan.ranges), guesses: inRegion(scan.guesses), carry: scan.pending)
    }

    /// Replaces every range with the marker; returns whether anything was replaced.
    static func replace(_ ranges: [Range<Int>], in data: inout [UInt8]) -> Bool {
        guard !ranges.isEmpty else { return false }
        var merged: [Range<Int>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) where !range.isEmpty {
            if let last = merged.last, range.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        for range in merged.reversed() { data.replaceSubrange(range, with: SecretPolicy.marker) }
        return !merged.isEmpty
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
    static func isLineEnd(_ byte: UInt8) -> Bool { byte == 0x0A || byte == 0x0D }
    static func isWhitespace(_ byte: UInt8) -> Bool { isSpace(byte) || isLineEnd(byte) }
    static func isQuote(_ byte: UInt8) -> Bool { byte == 0x22 || byte == 0x27 }
    /// Ends a `key=value` value or a URL word.
    static func isSeparator(_ byte: UInt8) -> Bool { isWhitespace(byte) || isQuote(byte) || byte == 0x26 }
    static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    static func isTokenByte(_ byte: UInt8) -> Bool { isLetter(byte) || isDigit(byte) || byte == 0x5F || byte == 0x2D }
    static func lowercased(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
}
