/// Values after a name that says they are a credential (`CredentialName`, `CredentialVocabulary`), in
/// every syntax that pairs them: `key=value`, `key = value` (INI), `key: value` (YAML, headers),
/// `"key": "value"` (JSON), `key => value`, `key -> value`, full-width `key：value` (folded by `ShownText`), `key:value`
/// (`pass:X`), `key value` (`aws_secret_access_key X`, netrc `password X`), and the fifth field of a
/// pgpass line (`host:port:db:user:PASSWORD`). Values on the lines below a key are `LineValues`;
/// values in sentences and markup `ProseSecrets`.
extension SecretScan {
    /// The words before a netrc line's password (`machine h login me password X`).
    private static let netrcWords: [[UInt8]] = ["machine", "default"].map { Array($0.utf8) }
    /// A value after a name and a space only is at least this long (`token2` in `token1 token2` is a word).
    static let spacedValueBytesMin = 10

    /// A `=` or `:` at `at` (with a `>` after it, the arrow `=>`).
    mutating func keyValue(separatorAt at: Int) {
        let isColon = data[at] == 0x3A
        if isColon {
            if webhookURL(colonAt: at) || runnerMask(colonAt: at) || clusterJoinToken(colonAt: at) { return }
            pgpassLine(colonAt: at)
        } else if at + 1 < count, data[at + 1] == 0x3D {
            // `a==b` compares; `password==Kq7m…` is a value that starts with `=`.
            guard SecretValueShape.isSymbolLedValue(data, (at + 1)..<wordEnd(from: at + 1, separators: true)) else { return }
        }
        let arrow = !isColon && at + 1 < count && data[at + 1] == 0x3E
        keyValue(separator: at..<(at + (arrow ? 2 : 1)), isColon: isColon)
    }

    /// The separator between a key and its value: `=`, `:`, `=>`, `->`
    /// (`isColon`: a colon, as YAML and headers have it).
    mutating func keyValue(separator: Range<Int>, isColon: Bool) {
        let at = separator.lowerBound
        var keyEnd = at
        let spacedBefore: Bool
        while keyEnd > 0, SecretPatterns.isSpace(data[keyEnd - 1]), at - keyEnd < 8 { keyEnd -= 1 }
        // A quoted subscript assigned (`os.environ["DB_PASSWORD"]="X"`, `$_ENV['API_TOKEN'] = 'X'`): its key is the
        // quoted name inside the brackets (secrets20 #1).
        if !isColon, keyEnd >= 2, data[keyEnd - 1] == 0x5D, SecretPatterns.isQuote(data[keyEnd - 2]) { keyEnd -= 1 }
        if isColon, keyEnd < at, keyEnd == 0 || !SecretPatterns.isQuote(data[keyEnd - 1]),
            !CredentialVocabulary.endsEntry(data, at: keyEnd)
        {
            // `key : X` is prose or a table; only a quoted key stands apart from its colon (`"password" : X`),
            // and the word for a password in French typography (`Mot de passe : X`).
            keyEnd = at
        }
        spacedBefore = !isColon && keyEnd < at
        let quotedKey = keyEnd > 0 && SecretPatterns.isQuote(data[keyEnd - 1])
        if quotedKey {
            keyEnd -= 1
            // `\"password\":\"X\"`: JSON inside a JSON string (escaped once or more).
            while keyEnd > 0, at - keyEnd < 16, data[keyEnd - 1] == 0x5C { keyEnd -= 1 }
        }
        guard let key = credentialKey(endingAt: keyEnd), key.kind != .introducer else {
            if quotedKey, isColon, jwkPrivateMember(keyEnd: keyEnd, valueFrom: separator.upperBound) { return }
            if isColon, versionedKeyMap(name: nameStart(endingAt: keyEnd)..<keyEnd, from: separator.upperBound) { return }
            // Under any other name, a base64 value may hold a credential (`EncodedSecrets`), or a crypt(3)
            // hash be the value (`user:$6$salt$hash`, an htpasswd or shadow line).
            if separator.count == 1, !cryptHash(from: separator.upperBound) { encodedValue(from: separator.upperBound) }
            return
        }
        let start = key.start
        // A URL's user named for a credential (`https://oauth2:X@host/repo`, `x-access-token:X@`): the URL rule redacts
        // its password, and its host and path stay (secrets20 #9).
        if isColon, start >= 3, data[(start - 3)..<start].elementsEqual("://".utf8),
            let atSign = data[at..<wordEnd(from: at, separators: true)].firstIndex(of: 0x40), atSign > at + 1
        {
            return
        }
        var kind = key.kind
        var next = separator.upperBound
        if kind == .pin {
            if let digits = pinDigits(from: next) { add(digits); return }
            kind = .weak
        }
        // `password=\rX`: a carriage return alone goes back over the key, and the value is written over it.
        while next < count, data[next] == 0x0D, next + 1 == count || data[next + 1] != 0x0A { next += 1 }
        if quotedKey, kind == .authorization {
            // `"authorization": "Bearer X"`, `"authorization": ["Bearer X"]`: the scheme goes with it.
            applyValue(.jsonValue, from: next)
            return
        }
        if kind == .authorization {
            if isColon {
                applyValue(.schemeThenRest, from: next)
            } else {
                // `Metadata(authorization=Bearer X,user-agent=…)`: the word after the scheme (or the one
                // word, `?authorization=X`), to a `,` or bracket.
                var value = listedWord(from: next)
                if value.upperBound < count, data[value.upperBound] == 0x20 {
                    var credential = value.upperBound
                    while credential < count, SecretPatterns.isSpace(data[credential]) { credential += 1 }
                    value = listedWord(from: credential)
                }
                if isValueWord(value, quoted: false) { add(value) }
            }
            return
        }
        if kind == .cookie {
            applyValue(.cookieList, from: next)
            return
        }
        if quotedKey, kind == .strong {
            // `"password": "X"`, `'password' => 'X'`, the value maybe on a later line (pretty-printed JSON).
            applyValue(.jsonValue, from: next)
            return
        }
        if data[separator.upperBound - 1] == 0x3E, data[at] == 0x3D, kind == .strong {
            // Ruby's `:password=>"X"` (a hash's `inspect`): `=>` maps a key to its value in code, not prose.
            var quote = next
            while quote < count, SecretPatterns.isSpace(data[quote]) { quote += 1 }
            if quote < count, SecretPatterns.isQuote(data[quote]), let value = closedQuote(from: quote) {
                if !SecretValueShape.isPlaceholder(data, value) { add(value) }
                return
            }
        }
        if data[separator.upperBound - 1] == 0x3E {
            // `password -> X` is how prose and changelogs map one name to another (`pwd->pw_name`,
            // `SPW_AUTH -> SPW_SECUREWARE`): a value that looks like a secret is a guess there.
            if kind == .strong { applyValue(.proseWord, from: next) }
            return
        }
        let spacedAfter = next < count && SecretPatterns.isSpace(data[next])
        if isColon && !quotedKey && spacedAfter {
            colonSpacedValue(from: next, name: start..<keyEnd, weak: kind == .weak, enclosedBy: start > 0 && SecretPatterns.isQuote(data[start - 1]) ? data[start - 1] : nil)
            return
        }
        guard kind == .strong else {
            weakValue(from: next)
            return
        }
        let lineValue = (isColon || spacedBefore) && startsLine(start)
        if next == count {
            pending = lineValue ? .lineValue(indent: indentation(ofLineWith: start)) : isColon || spacedBefore ? .restOfLine : .assignedWord
        } else if isColon && data[next] == 0x3A {
            // LDIF's `userPassword:: BASE64` (a C++ `Password::x` has no space after it).
            if next + 1 < count, SecretPatterns.isSpace(data[next + 1]) { applyValue(.restOfLine, from: next + 1) }
            return
        } else if lineValue, SecretPatterns.isLineEnd(data[next]) {
            // `password:` or `password =` ending its line: the value is on the lines below.
            applyValue(.lineValue(indent: indentation(ofLineWith: start)), from: next)
        } else if spacedBefore || (!isColon && spacedAfter) {
            iniValue(from: next, name: start..<keyEnd)
        } else if let inside = bracketed(from: next) {
            // Go's `map[x-api-key:[X]]`: a list of one value.
            if SecretValueShape.looksLikeSecret(data, inside) { add(inside) }
        } else if SecretPatterns.isQuote(data[next]) {
            // `"Password:" or …`, `prompt "user's Password:" as …`: the quote closes the string the key
            // is in (a prompt quoted in prose).
            if openQuote(before: start) == data[next] { return }
            add(multilineString(from: next) ?? quoted(from: next))
        } else {
            // `-DAPI_SECRET=\"X\"`: a quote escaped for a shell or a compiler define.
            let escapedQuote = next + 1 < count && data[next] == 0x5C && SecretPatterns.isQuote(data[next + 1])
            let valueStart = escapedQuote ? next + 2 : next
            var end = wordEnd(from: valueStart, separators: true)
            if escapedQuote, end > valueStart, data[end - 1] == 0x5C { end -= 1 }
            if !escapedQuote, end > valueStart { end = unquotedValueEnd(from: end, keyStart: start) }
            if !escapedQuote { end = tabbedValueEnd(from: end) }
            let value = valueStart..<end
            if !SecretValueShape.isPlaceholder(data, value), !SecretValueShape.isCodeStandIn(data, value) { add(value) }
        }
    }

    private static let sqlPrincipals: [[UInt8]] = ["user ", "role "].map { Array($0.utf8) }

    /// Whether the line before `index` has SQL's `USER` or `ROLE` (any case) followed by a space.
    private func namesUserOrRole(before index: Int) -> Bool {
        let line = data[lineStart(before: index, limit: 256)..<index].map(SecretPatterns.lowercased)
        return SecretScan.sqlPrincipals.contains { word in line.indices.contains { line[$0...].starts(with: word) } }
    }

    /// Where an unquoted value that a quote stopped at `end` ends: a quote inside it (`DB_PASSWORD=Ab"cD9x`,
    /// a generated password's punctuation, `env` printing it) is part of it on a line with no quote before the
    /// key; after one, the quote may close a string (`echo "password=X"`, a shell-quoted `'\''…'\''`).
    private func unquotedValueEnd(from end: Int, keyStart: Int) -> Int {
        guard !data[lineStart(before: keyStart, limit: 256)..<keyStart].contains(where: SecretPatterns.isQuote) else { return end }
        var end = end
        while end + 1 < count, SecretPatterns.isQuote(data[end]), !SecretPatterns.isSeparator(data[end + 1]) {
            end = wordEnd(from: end + 1, separators: true)
        }
        return end
    }

    /// Where an unquoted value a tab stopped at `end` ends (`password=Head<TAB>Tail`; secrets20 #11): words after
    /// tabs are the value's too until one starts another field (holds a `=` or `:`) or the line ends.
    private func tabbedValueEnd(from end: Int) -> Int {
        var end = end
        while end + 1 < count, data[end] == 0x09 {
            let next = wordEnd(from: end + 1, separators: true)
            guard next > end + 1, !data[(end + 1)..<next].contains(where: { $0 == 0x3D || $0 == 0x3A }) else { break }
            end = next
        }
        return end
    }

    /// A PIN's value at `start` (after spaces or a quote): 4 to 12 digits that end the word.
    private func pinDigits(from start: Int) -> Range<Int>? {
        var valueStart = start
        while valueStart < count, SecretPatterns.isSpace(data[valueStart]) || SecretPatterns.isQuote(data[valueStart]) { valueStart += 1 }
        var end = valueStart
        while end < count, SecretPatterns.isDigit(data[end]) { end += 1 }
        guard (4...12).contains(end - valueStart), end == count || !CredentialName.isNameByte(data[end]) else { return nil }
        return valueStart..<end
    }

    /// The word from `start` to a separator, `,`, `;` or closing bracket (a value in a list or a call).
    private func listedWord(from start: Int) -> Range<Int> {
        var end = start
        while end < count, !SecretPatterns.isSeparator(data[end]), !SecretScan.endsListedValue(data[end]) { end += 1 }
        return start..<end
    }

    /// Ends a value inside a list or a call: `,`, `;`, a closing bracket.
    static func endsListedValue(_ byte: UInt8) -> Bool { byte == 0x2C || byte == 0x3B || byte == 0x29 || byte == 0x5D || byte == 0x7D }

    /// The credential name that ends at `keyEnd`, and where it starts: a name (`db_password`), words
    /// with spaces between (`Secret access key`), or an entry of `CredentialVocabulary` (`пароль`,
    /// `mot de passe`).
    func credentialKey(endingAt keyEnd: Int) -> (start: Int, kind: CredentialName.Kind)? {
        guard keyEnd > 0 else { return nil }
        if CredentialName.isNameByte(data[keyEnd - 1]), CredentialName.mayEnd(data, max(0, keyEnd - 8), keyEnd) {
            let start = nameStart(endingAt: keyEnd)
            if start < keyEnd, let kind = CredentialName.kind(of: data, start, keyEnd) { return (start, kind) }
            if let spaced = spacedName(before: start, end: keyEnd) { return spaced }
        } else if !CredentialVocabulary.mayEnd(data, keyEnd) {
            return nil
        }
        return CredentialVocabulary.entryStart(in: data, endingAt: keyEnd).map { ($0.start, $0.introducer ? .introducer : .strong) }
    }

    /// The credential name of `credentialWord`, found as cheaply as it runs often (at letter pairs of
    /// prose): a name (`db_password`) or a one-word entry of `CredentialVocabulary`, or an introducer
    /// (`IDENTIFIED BY`) when the word is its last.
    private func wordKey(endingAt end: Int) -> (start: Int, kind: CredentialName.Kind)? {
        if CredentialName.mayEnd(data, max(0, end - 8), end) {
            let start = nameStart(endingAt: end)
            return start < end ? CredentialName.kind(of: data, start, end).map { (start, $0) } : nil
        }
        guard CredentialVocabulary.mayEndIntroducer(data, end) else { return nil }
        if let start = identifiedWithPluginStart(endingAt: end) { return (start, .introducer) }
        guard let entry = CredentialVocabulary.entryStart(in: data, endingAt: end) else { return nil }
        return (entry.start, entry.introducer ? .introducer : .strong)
    }

    /// A name of up to three words with single spaces between, the last starting at `lastStart`.
    private func spacedName(before lastStart: Int, end: Int) -> (start: Int, kind: CredentialName.Kind)? {
        var start = lastStart
        for _ in 0..<2 {
            guard start >= 2, data[start - 1] == 0x20, CredentialName.isNameByte(data[start - 2]) else { return nil }
            start = nameStart(endingAt: start - 1)
            if let kind = CredentialName.kind(of: data, start, end) { return (start, kind) }
        }
        return nil
    }

    /// The indentation of the line holding `index` (a YAML list item's `- ` counts).
    func indentation(ofLineWith index: Int) -> Int {
        let start = lineStart(before: index, limit: 256)
        var end = start
        while end < index, SecretPatterns.isSpace(data[end]) || data[end] == 0x2D { end += 1 }
        return end - start
    }

    /// `auth=…`, `sig: …`: one word, long and random enough (`SecretValueShape.weakValueBytesMin`).
    private mutating func weakValue(from start: Int) {
        var valueStart = start
        while valueStart < count, SecretPatterns.isSpace(data[valueStart]) { valueStart += 1 }
        if valueStart == count {
            pending = .secretLookingWord
            return
        }
        let isQuoted = SecretPatterns.isQuote(data[valueStart])
        let value = isQuoted ? quoted(from: valueStart) : valueStart..<wordEnd(from: valueStart, separators: true)
        // Quoted, a value may have spaces (`SMTP_PASS="X with space"`): a word of it must look like a secret
        // (the string may go on in the next chunk).
        let quotedLongEnough = value.count >= SecretValueShape.weakValueBytesMin || openToTheEnd(from: valueStart) != nil
        if isWeakValue(value) || (isQuoted && quotedLongEnough && holdsSecretLookingWord(value)) { add(value) }
    }

    /// Long and random enough (or shorter and random: capitals, small letters and digits, `pass=Zq1xQwVb`;
    /// secrets20 #14), and no list or assignment (`sig=SIGTRAP,EVENT_FORK`, `key=value/KEY=VALUE/`)
    /// nor a command (`$pw = ConvertTo-SecureString …`).
    private func isWeakValue(_ value: Range<Int>) -> Bool {
        let longEnough = value.count >= SecretValueShape.weakValueBytesMin && SecretValueShape.looksLikeSecret(data, value)
        guard longEnough || SecretValueShape.looksRandom(data, value), !SecretValueShape.isCmdletName(data, value) else { return false }
        var end = value.upperBound
        while end > value.lowerBound, data[end - 1] == 0x3D { end -= 1 }
        return !data[value.lowerBound..<end].contains { $0 == 0x3D || $0 == 0x2C }
    }

    /// `key: value` (YAML, a header): the value when it is all the rest of the line, one word or quoted,
    /// or several words after a password name that starts its line (`  db_password: correct horse`) —
    /// unless they are prose: `credential: fix a leak` is a commit subject, `passwd: "` the end of a
    /// quoted prompt.
    /// A header inside a quoted argument (`-H 'X-Api-Key: X'`) ends at the closing quote.
    private mutating func colonSpacedValue(from start: Int, name: Range<Int>, weak: Bool, enclosedBy quote: UInt8?) {
        var valueStart = start
        while valueStart < count, SecretPatterns.isSpace(data[valueStart]) { valueStart += 1 }
        if valueStart == count {
            pending = weak ? .secretLookingWord : quote == nil && startsLine(name.lowerBound) ? .lineValue(indent: indentation(ofLineWith: name.lowerBound)) : .restOfLine
            return
        }
        if SecretPatterns.isQuote(data[valueStart]) {
            // `"Cookie: " or …`: the quote closes the one the name is in.
            if data[valueStart] != quote, let value = closedQuote(from: valueStart) { add(value) }
            return
        }
        var rest = valueStart..<lineEnd(from: valueStart)
        if let quote, let close = data[rest].firstIndex(of: quote) { rest = valueStart..<close }
        if insideFlowMapping(name.lowerBound) {
            // YAML's `{user: bob, password: X, host: db}`: the value's word ends at a `,` or the closing brace.
            var end = valueStart
            while end < rest.upperBound, !SecretScan.endsListedValue(data[end]), !SecretPatterns.isSpace(data[end]) { end += 1 }
            if weak ? isWeakValue(valueStart..<end) : isValueWord(valueStart..<end, quoted: false) { add(valueStart..<end) }
            return
        }
        if !weak, quote == nil, startsLine(name.lowerBound), rest.isEmpty || isBlockIndicator(rest) {
            applyValue(.lineValue(indent: indentation(ofLineWith: name.lowerBound)), from: valueStart)
            return
        }
        let firstWord = valueStart..<min(rest.upperBound, wordEnd(from: valueStart, separators: false))
        if firstWord == rest {
            let isValue = weak ? isWeakValue(rest) : (isValueWord(rest, quoted: false) && !isLabelWord(rest, name: name)) || isPlainWordPassword(rest, name: name)
                || SecretValueShape.looksLikeSecretEndingInPunctuation(data, rest)
            if isValue { add(rest) }
        } else if !weak, quote == nil, startsLine(name.lowerBound), CredentialName.namesPassword(data, name.lowerBound, name.upperBound),
            !isProgramMessage(name: name, rest), isValueWord(firstWord, quoted: false) || holdsSecretLookingWord(rest) || isPassphrase(rest)
        {
            add(rest)
            valueContinues(after: rest.upperBound, keyAt: name.lowerBound)
        } else if weak ? isWeakValue(firstWord) : SecretValueShape.looksLikeSecret(data, firstWord) {
            // `using X-Auth-Token: X now`: a first word that looks like a secret.
            add(firstWord)
        }
    }

    /// Whether `name: rest` is a program's diagnostic (`passwd: Authentication token manipulation error`,
    /// `chpasswd: password unchanged`; secrets15 F8): the name is the lowercase name of a `*passwd` program and
    /// the rest is words of prose, with no word looking like a secret.
    private func isProgramMessage(name: Range<Int>, _ rest: Range<Int>) -> Bool {
        let suffix = SecretScan.passwdProgram
        guard name.count >= suffix.count, data[name].allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }),
            data[(name.upperBound - suffix.count)..<name.upperBound].elementsEqual(suffix), data[rest].contains(0x20)
        else { return false }
        return !holdsSecretLookingWord(rest)
    }

    private static let passwdProgram = Array("passwd".utf8)

    /// Whether a `{` opened before `index` on its line is still open there (a YAML flow mapping).
    private func insideFlowMapping(_ index: Int) -> Bool {
        var depth = 0
        for byte in data[lineStart(before: index, limit: 256)..<index] {
            if byte == 0x7B { depth += 1 } else if byte == 0x7D { depth -= 1 }
        }
        return depth > 0
    }

    /// The inside of a string that starts at `start` and is still open at the region's end.
    private func openToTheEnd(from start: Int) -> Range<Int>? {
        let inside = quoted(from: start)
        return inside.upperBound == count ? inside : nil
    }

    /// Words of letters and digits only, with single spaces between (`correct horse battery staple`): a
    /// passphrase after a password's name. A sentence has punctuation.
    private func isPassphrase(_ range: Range<Int>) -> Bool {
        var words = 1
        for index in range {
            let byte = data[index]
            if byte == 0x20 {
                guard index > range.lowerBound, data[index - 1] != 0x20 else { return false }
                words += 1
            } else if !(SecretPatterns.isLetter(byte) || SecretPatterns.isDigit(byte)) {
                return false
            }
        }
        return words >= 2
    }

    /// Whether a word of `data[range]` (split at spaces) looks like a secret (`correct horse X7k…q staple`).
    private func holdsSecretLookingWord(_ range: Range<Int>) -> Bool {
        var start = range.lowerBound
        for index in range.lowerBound...range.upperBound where index == range.upperBound || SecretPatterns.isSpace(data[index]) {
            if index > start, SecretValueShape.looksLikeSecret(data, start..<index) { return true }
            start = index + 1
        }
        return false
    }

    /// `password = value` (INI): the rest of the line, when the key starts its line and the line is not
    /// code (`cookie = get_cookie(c);`); elsewhere on a line, a next word that looks like a secret.
    private mutating func iniValue(from start: Int, name: Range<Int>) {
        // npm's `_auth = X`: the `_` is the name's.
        let nameStart = name.lowerBound > 0 && data[name.lowerBound - 1] == 0x5F ? name.lowerBound - 1 : name.lowerBound
        guard startsLine(nameStart) else {
            applyValue(.proseWord, from: start)
            return
        }
        var valueStart = start
        while valueStart < count, SecretPatterns.isSpace(data[valueStart]) { valueStart += 1 }
        if valueStart == count {
            pending = .restOfLine
            return
        }
        if SecretPatterns.isQuote(data[valueStart]) {
            if let value = multilineString(from: valueStart) ?? closedQuote(from: valueStart) { add(value) }
            return
        }
        let rest = valueStart..<lineEnd(from: valueStart)
        guard !rest.isEmpty, data[rest.upperBound - 1] != 0x3B, !rest.contains(where: { data[$0] == 0x28 }) else { return }
        // A placeholder (or what a redaction left, the line scanned again) may still go on below.
        if !SecretValueShape.isPlaceholder(data, rest) { add(rest) }
        valueContinues(after: rest.upperBound, keyAt: name.lowerBound)
    }

    /// Lines below a value indented deeper than its key are the value too (an INI continuation, a
    /// YAML plain scalar), once its line has ended.
    private mutating func valueContinues(after end: Int, keyAt key: Int) {
        var index = end
        while index < count, !SecretPatterns.isLineEnd(data[index]) { index += 1 }
        guard index < count else { return }
        applyValue(.indentedLines(indent: indentation(ofLineWith: key), midLine: false, scalarOnly: true, seen: 0), from: index)
    }

    /// Whether only spaces (or a YAML list dash) stand before `index` on its line.
    func startsLine(_ index: Int) -> Bool {
        var position = index
        while position > 0, SecretPatterns.isSpace(data[position - 1]) || data[position - 1] == 0x2D { position -= 1 }
        return position == 0 || SecretPatterns.isLineEnd(data[position - 1])
    }

    /// `password X`, `aws_secret_access_key X`: a strong credential name as a word of its own, spaces,
    /// and a value that looks like a secret (on a netrc line, any value). `index` is inside the name.
    mutating func credentialWord(at index: Int) {
        guard index >= lastNameEnd else { return }
        var end = index + 1
        while end < count, end - index < 64, CredentialName.isNameByte(data[end]) { end += 1 }
        lastNameEnd = end
        let name = nameStart(endingAt: end)
        if name < end, deviceDirective(name: name..<end) || symbolValue(name: name..<end) || versionedKeyMap(name: name..<end, from: end) { return }
        if name < end, name > 0, CredentialName.kind(of: data, name, end) == .strong { valueBeforeSentence(nameAt: name) }
        // A row named by its first cell before a header of named fields (its value may be a name too).
        if name < end, credentialRow(name: name, end: end) { return }
        if tableColumn(nameEnd: end) { return }
        if name < end, alignedColumn(name: name, end: end) || numberedLabel(nameEnd: end) || listedName(start: name, end: end) { return }
        // SQL's `PASSWORD('X')` (`SET PASSWORD FOR 'app'@'%' = PASSWORD('X')`), sbt's `Credentials("Realm", "host", "user", "X")`:
        // a credential's name called on literals; the last is the secret.
        if end + 1 < count, data[end] == 0x28, SecretPatterns.isQuote(data[end + 1]), name < end, CredentialName.kind(of: data, name, end) == .strong,
            let value = lastLiteral(from: end + 1), SecretValueShape.looksLikeSecret(data, value)
        {
            addGuess(value)
            return
        }
        if end == count || !SecretPatterns.isSpace(data[end]) {
            namedValue(nameEnd: end)
            return
        }
        guard let (start, kind) = wordKey(endingAt: end), kind == .strong || kind == .introducer || kind == .pin,
            start == 0 || SecretPatterns.isWhitespace(data[start - 1]) || SecretPatterns.isQuote(data[start - 1])
        else { return }
        var valueStart = end
        while valueStart < count, SecretPatterns.isSpace(data[valueStart]) { valueStart += 1 }
        if valueStart == count {
            pending = .proseWord
            return
        }
        // `password = X`, `token: X`: the separator's own trigger handles those.
        if data[valueStart] == 0x3D || data[valueStart] == 0x3A || SecretPatterns.isLineEnd(data[valueStart]) { return }
        if kind == .pin {
            // `Enter PIN for authenticator: X`: a prompt's answer, as a password's is.
            if !SecretPatterns.isQuote(data[valueStart]) { proseValue(from: valueStart) }
            return
        }
        if kind == .strong, rowCellValue(name: start..<end, separator: valueStart) { return }
        if SecretPatterns.isQuote(data[valueStart]) {
            // `IDENTIFIED BY "X"`: a quoted value after SQL's phrase; `PASSWORD 'X'` (also `token "symbols"`
            // in a sentence): one that looks like a secret, a guess.
            guard let value = closedQuote(from: valueStart), !SecretValueShape.isPlaceholder(data, value) else { return }
            if kind == .introducer { add(value) } else if SecretValueShape.looksLikeSecret(data, value) { addGuess(value) }
            return
        }
        if kind == .introducer {
            // Oracle's unquoted `ALTER USER x IDENTIFIED BY X;`: the word, without the statement's end, in a statement
            // about a user or role (`identified by Jane Doe` is prose); a guess, never learned.
            var valueEnd = wordEnd(from: valueStart, separators: false)
            while valueEnd > valueStart, data[valueEnd - 1] == 0x3B { valueEnd -= 1 }
            if namesUserOrRole(before: start), SecretValueShape.looksLikeSecret(data, valueStart..<valueEnd) { addGuess(valueStart..<valueEnd) }
            return
        }
        guard kind == .strong else { return }
        var valueEnd = wordEnd(from: valueStart, separators: false)
        // `'requirepass X';`: the value ends where the string the name is in closes.
        if let quote = openQuote(before: valueStart), let close = data[valueStart..<valueEnd].firstIndex(of: quote), close > valueStart { valueEnd = close }
        let value = valueStart..<valueEnd
        if onNetrcLine(name: start, value: value) {
            if isValueWord(value, quoted: false) { add(value) }
        } else if isDirectiveValue(name: start, value: value) {
            add(value)
        } else if isIdentifier(start..<end), value.count >= SecretScan.spacedValueBytesMin, SecretValueShape.looksLikeSecret(data, value) {
            // `aws_secret_access_key X`: a name no sentence has, as a config file writes it.
            add(value)
        } else if value.count >= SecretScan.spacedValueBytesMin, SecretValueShape.looksRandom(data, value) {
            // `password X` after a word of prose: a guess.
            addGuess(value)
        } else if !keyLabelLine(keyAt: valueStart) {
            proseValue(from: valueStart)
        }
    }

    /// The inside of the last of the quoted literals from `start` that a `,` separates (a call's arguments).
    private func lastLiteral(from start: Int) -> Range<Int>? {
        var literal = start
        var last: Range<Int>?
        while literal < count, SecretPatterns.isQuote(data[literal]), let inside = closedQuote(from: literal) {
            last = inside
            var next = inside.upperBound + 1
            while next < count, SecretPatterns.isSpace(data[next]) { next += 1 }
            guard next < count, data[next] == 0x2C else { break }
            next += 1
            while next < count, SecretPatterns.isSpace(data[next]) { next += 1 }
            literal = next
        }
        return last
    }

    /// A credential name given as a value, then the value it names: a quoted name and the next string
    /// on the line after punctuation (`define('DB_PASSWORD', 'X')`, `ENV["SECRET"] ||= "X"`) or after a
    /// `value` key (`{"name": "DB_PASSWORD", "value": "X"}`, `<add key="ApiKey" value="X"/>`), the text
    /// of an element (`<entry key="db.password">X</entry>`), the `value:` line below `- name: VAULT_TOKEN`
    /// (a Kubernetes env entry), or the `default` of the block it opens (HCL's `variable "db_password" {`). After a `value` key or in an element it is a value; else a guess, and only
    /// if it looks like a secret (`["password", "email"]` is a list of names).
    /// A field that names a key (`"keyName": "key1"`: az's storage, Service Bus and Event Hubs key lists) names a
    /// credential whatever its value says: the `value` beside it is the key (secrets15 F1).
    private mutating func namedValue(nameEnd: Int) {
        var (start, end) = (nameStart(endingAt: nameEnd), nameEnd)
        let slot = start > 0 ? keySlotName(field: start..<end) : nil
        if let slot { (start, end) = (slot.lowerBound, slot.upperBound) }
        guard start < end, start > 0, slot != nil || CredentialName.kind(of: data, start, end) == .strong else { return }
        // A parameter's path names it by its last segment (AWS SSM's `"Name": "/prod/db/password"`).
        let quote = data[pathStart(before: start) - 1]
        if quote == 0x3E, siblingElementValue(nameEnd: end) { return }
        if !SecretPatterns.isQuote(quote) {
            valueLineBelow(name: start, nameEnd: end)
            return
        }
        guard end < count, data[end] == quote else { return }
        var index = end + 1
        var named = false
        var fieldsBetween = 0
        while index < count, index - end < 64 || (fieldsBetween > 0 && index - end < 256) {
            let byte = data[index]
            if SecretPatterns.isSpace(byte) || byte == 0x2C || byte == 0x29 || byte == 0x5D || byte == 0x7C || byte == 0x3D || byte == 0x3A || byte == 0x7D {
                index += 1
            } else if !named, let after = serializedLength(at: index) {
                // PHP's `serialize()`: `s:8:"password";s:12:"X";`, the value's type and length between.
                named = true
                index = after
            } else if !named, let after = valueKey(at: index) {
                named = true
                index = after
            } else if !named, fieldsBetween < 3, let after = otherField(at: index) {
                // `"Name": "…password", "Type": "SecureString", "Value": X`: other fields of the object between.
                fieldsBetween += 1
                index = after
            } else {
                break
            }
        }
        guard index < count else { return }
        if SecretPatterns.isLineEnd(data[index]), !named, startsWithWord(SecretScan.formPartHeader, line: start) {
            // A form part named for a credential (`Content-Disposition: form-data; name="password"`): its body after the blank line.
            promptedLine(from: index, labelOnly: false)
            return
        }
        if SecretPatterns.isLineEnd(data[index]), !named {
            // `"Name": "…password",` ending its line: the `Value` of the object, on a line below.
            blockDefault(from: index, linesLeft: SecretScan.blockLinesMax)
            return
        }
        if data[index] == 0x7B, !named {
            // A block that ends its line (a JSON object's values are found by their own keys).
            if let opened = blockOpened(after: index) { blockDefault(from: opened, linesLeft: SecretScan.blockLinesMax) }
            return
        }
        if data[index] == 0x3E, !named {
            var textEnd = index + 1
            while textEnd < count, data[textEnd] != 0x3C, !SecretPatterns.isLineEnd(data[textEnd]) { textEnd += 1 }
            let text = (index + 1)..<textEnd
            // The element closes, or the region ends first (the rest, `</entry>`, may come in the next chunk).
            let closes = textEnd + 1 >= count || data[textEnd + 1] == 0x2F
            if closes, !SecretValueShape.isPlaceholder(data, text) { add(text) }
            return
        }
        guard SecretPatterns.isQuote(data[index]), let value = closedQuote(from: index) ?? openToTheEnd(from: index) else { return }
        if !named, let opened = blockOpened(after: value.upperBound + 1) {
            // HCL's `resource "random_password" "db" {`: a label, then the block the type's name opens.
            blockDefault(from: opened, linesLeft: SecretScan.blockLinesMax)
            return
        }
        if named {
            if !SecretValueShape.isPlaceholder(data, value) { add(value) }
        } else if SecretValueShape.looksLikeSecret(data, value) {
            addGuess(value)
        }
    }

    static let formPartHeader = Array("content-disposition:".utf8)

    /// Whether the line holding `index` starts with `word` (lowercase), in any case.
    private func startsWithWord(_ word: [UInt8], line index: Int) -> Bool {
        let start = lineStart(before: index, limit: 256)
        return start + word.count <= count && zip(word, data[start..<(start + word.count)]).allSatisfy { $0 == SecretPatterns.lowercased($1) }
    }

    /// The end of a JSON field with a scalar value at `index` (`"Type": "SecureString"`, `"size": 3`), if one is there.
    private func otherField(at index: Int) -> Int? {
        guard data[index] == 0x22, let key = closedQuote(from: index) else { return nil }
        var after = key.upperBound + 1
        while after < count, SecretPatterns.isSpace(data[after]) { after += 1 }
        guard after < count, data[after] == 0x3A else { return nil }
        after += 1
        while after < count, SecretPatterns.isSpace(data[after]) { after += 1 }
        guard after < count else { return nil }
        if data[after] == 0x22 { return closedQuote(from: after).map { $0.upperBound + 1 } }
        var end = after
        while end < count, SecretPatterns.isLetter(data[end]) || SecretPatterns.isDigit(data[end]) || data[end] == 0x2E || data[end] == 0x2D { end += 1 }
        return end > after ? end : nil
    }

    /// The quoted value's inside of a field named `keyName` (`key_name`, any case) at `field`, when it closes on its line.
    private func keySlotName(field: Range<Int>) -> Range<Int>? {
        let name = data[field].filter { $0 != 0x5F }.map(SecretPatterns.lowercased)
        guard name.elementsEqual(SecretScan.keyNameField), SecretPatterns.isQuote(data[field.lowerBound - 1]), field.upperBound < count,
            data[field.upperBound] == data[field.lowerBound - 1]
        else { return nil }
        var index = field.upperBound + 1
        while index < count, SecretPatterns.isSpace(data[index]) || data[index] == 0x3A { index += 1 }
        guard index < count, SecretPatterns.isQuote(data[index]), let value = closedQuote(from: index), !value.isEmpty else { return nil }
        return value
    }

    private static let keyNameField = Array("keyname".utf8)

    /// The end of the line when a `{` ends it at `start` (after spaces): a block opens there.
    func blockOpened(after start: Int) -> Int? {
        var index = start
        while index < count, SecretPatterns.isSpace(data[index]) { index += 1 }
        guard index < count, data[index] == 0x7B else { return nil }
        index += 1
        while index < count, SecretPatterns.isSpace(data[index]) { index += 1 }
        return index < count && SecretPatterns.isLineEnd(data[index]) ? index : nil
    }

    /// Where the path whose last segment starts at `start` begins (`start` itself when no `/` is before it); at least 1.
    private func pathStart(before start: Int) -> Int {
        var index = start
        while index > 1, start - index < 128, data[index - 1] == 0x2F || CredentialName.isNameByte(data[index - 1]) { index -= 1 }
        return data[start - 1] == 0x2F ? index : start
    }

    /// TOML's `"""` or `'''` at `start`: the string's inside, over lines, to its closing triple quote (or the region's end).
    private func multilineString(from start: Int) -> Range<Int>? {
        guard start + 2 < count, data[start + 1] == data[start], data[start + 2] == data[start] else { return nil }
        var end = start + 3
        while end + 2 < count, !(data[end] == data[start] && data[end + 1] == data[start] && data[end + 2] == data[start]) { end += 1 }
        return (start + 3)..<(end + 2 < count ? end : count)
    }

    /// The block a credential's name opens (HCL's `variable "db_password" {`, a JSON object `"db_password": {`,
    /// the object around `"name": "db-password",`): the value of its `default`, `value` or `result`
    /// attribute, on one of the next `linesLeft` lines before the block closes. Objects and lists nested
    /// in it (`"tags": {}`, terraform state's `"instances": [`) are looked into, and do not close it
    /// (`depth`: how many are open). A region that ends first leaves the rest pending
    /// (`SecretCarry.blockValue`); a line is counted once it is whole (the stream's context holds what of
    /// it came before, and it is read again from its beginning in the next region).
    mutating func blockDefault(from start: Int, linesLeft: Int, depth: Int = 0) {
        // From the line after `start` when it ends the name's line, else from the line it is in.
        var index = start < count && SecretPatterns.isLineEnd(data[start]) ? start : lineStart(before: start, limit: 256)
        var (lines, depth) = (linesLeft, depth)
        while lines > 0 {
            while index < count, SecretPatterns.isLineEnd(data[index]) { index += 1 }
            var word = index
            while word < count, SecretPatterns.isSpace(data[word]) { word += 1 }
            // A JSON key is quoted (`"Value": "X"`).
            if word < count, SecretPatterns.isQuote(data[word]) { word += 1 }
            var wordStop = word
            while wordStop < count, SecretPatterns.isLetter(data[wordStop]) || data[wordStop] == 0x5F { wordStop += 1 }
            var separator = wordStop
            if separator < count, SecretPatterns.isQuote(data[separator]) { separator += 1 }
            while separator < count, SecretPatterns.isSpace(data[separator]) { separator += 1 }
            if separator < count, data[separator] == 0x3D || data[separator] == 0x3A, SecretScan.isBlockValueName(data[word..<wordStop]) {
                applyValue(.restOfLine, from: separator + 1)
                return
            }
            if depth == 0, word > index, data[word - 1] == 0x22, let value = hostKeyedString(keyFrom: word), !SecretValueShape.isPlaceholder(data, value) {
                // Composer's `"gitlab-token": {` then `"gitlab.example.org": "X"`: a credential for each host.
                add(value)
            }
            var stop = index
            while stop < count, !SecretPatterns.isLineEnd(data[stop]) { stop += 1 }
            if stop == count {
                pending = .blockValue(linesLeft: lines, depth: depth)
                return
            }
            for byte in data[index..<stop] {
                if byte == 0x7B || byte == 0x5B {
                    depth += 1
                } else if byte == 0x7D || byte == 0x5D {
                    if depth == 0 { return }
                    depth -= 1
                }
            }
            lines -= 1
            index = stop
        }
    }

    /// The string value of a JSON member whose key, from `start` to its closing quote, is a host's name (a `.`
    /// in it, nothing but a name's bytes and a port's `:`): `"gitlab.example.org": "X"`.
    private func hostKeyedString(keyFrom start: Int) -> Range<Int>? {
        var end = start
        var dotted = false
        while end < count, end - start < 256, CredentialName.isNameByte(data[end]) || data[end] == 0x3A {
            if data[end] == 0x2E { dotted = true }
            end += 1
        }
        guard dotted, end < count, data[end] == 0x22 else { return nil }
        end += 1
        while end < count, SecretPatterns.isSpace(data[end]) { end += 1 }
        guard end < count, data[end] == 0x3A else { return nil }
        end += 1
        while end < count, SecretPatterns.isSpace(data[end]) { end += 1 }
        guard end < count, data[end] == 0x22 else { return nil }
        return closedQuote(from: end)
    }

    /// The attributes of a block named for a credential that hold its value (`result`: terraform's
    /// `random_password`), and how many lines are looked at.
    private static let blockValueNames: Set<[UInt8]> = Set(["default", "value", "result"].map { Array($0.utf8) })
    private static let valueWord = Array("value".utf8)

    /// One of `blockValueNames`, or a name whose last part is `value` (CloudFormation's `ParameterValue`, `OutputValue`).
    private static func isBlockValueName(_ name: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        let lower = name.map(SecretPatterns.lowercased)
        return blockValueNames.contains(lower) || lower.suffix(valueWord.count).elementsEqual(valueWord)
    }
    static let blockLinesMax = 12

    /// The end of a `value` key at `index` (`value`, `"value"`, `Value`, `"ParameterValue"`), when a `=` or `:` follows it.
    private func valueKey(at index: Int) -> Int? {
        var wordStart = index
        if SecretPatterns.isQuote(data[index]) { wordStart += 1 }
        var wordEnd = wordStart
        while wordEnd < count, wordEnd - wordStart < 32, SecretPatterns.isLetter(data[wordEnd]) || data[wordEnd] == 0x5F { wordEnd += 1 }
        guard wordEnd < count, wordEnd - wordStart >= SecretScan.valueWord.count,
            data[(wordEnd - SecretScan.valueWord.count)..<wordEnd].map(SecretPatterns.lowercased).elementsEqual(SecretScan.valueWord)
        else { return nil }
        var after = wordEnd
        if after < count, SecretPatterns.isQuote(data[after]) { after += 1 }
        while after < count, SecretPatterns.isSpace(data[after]) { after += 1 }
        return after < count && (data[after] == 0x3D || data[after] == 0x3A) ? after : nil
    }

    /// `- name: VAULT_TOKEN` ending its line, `value: X` the next: X is the value.
    private mutating func valueLineBelow(name start: Int, nameEnd end: Int) {
        guard end == count || SecretPatterns.isLineEnd(data[end]), start >= 6 else { return }
        let lineStart = lineStart(before: start, limit: 128)
        let before = data[lineStart..<start].filter { !SecretPatterns.isSpace($0) && $0 != 0x2D && $0 != 0x22 && $0 != 0x27 }
        guard before.map(SecretPatterns.lowercased).elementsEqual(Array("name:".utf8)) else { return }
        valueLine(from: end)
    }

    /// From the end of a `name:` line: the `value:` line that follows, once it has come (`valueLineBelow`).
    mutating func valueLine(from start: Int) {
        var index = start
        while index < count, SecretPatterns.isWhitespace(data[index]) { index += 1 }
        let word = Array("value".utf8)
        if index + word.count >= count {
            // Not come yet, or cut inside `value`: wait for it.
            if zip(word, data[index..<count]).allSatisfy({ $0 == SecretPatterns.lowercased($1) }) { pending = .valueLineBelow }
            return
        }
        guard let after = valueKey(at: index), data[after] == 0x3A else { return }
        applyValue(.restOfLine, from: after + 1)
    }

    /// Whether the name is an identifier, not a word of prose: its parts joined by `_` or `-` or a
    /// case change (`aws_secret_access_key`, `dbPassword`).
    private func isIdentifier(_ name: Range<Int>) -> Bool {
        name.dropFirst().contains { data[$0] == 0x5F || data[$0] == 0x2D || (data[$0] >= 0x41 && data[$0] <= 0x5A && data[$0 - 1] >= 0x61) }
    }

    /// A netrc line: it starts with `machine` or `default` (`machine h login me password X`), or holds
    /// just a password's name and the value (the one-per-line form; `Token Revocation`, a heading, is none).
    /// The line may start after a log's prefix (`web-1 | machine h …`, `LineContentStarts`).
    private func onNetrcLine(name: Int, value: Range<Int>) -> Bool {
        if startsNetrcLine(before: name) { return true }
        var first = lineStart(before: name, limit: 256)
        while first < name, SecretPatterns.isWhitespace(data[first]) { first += 1 }
        var nameEnd = name
        while nameEnd < count, CredentialName.isNameByte(data[nameEnd]) { nameEnd += 1 }
        return first == name && lineEnd(from: value.lowerBound) == value.upperBound
            && (CredentialName.namesPassword(data, name, nameEnd) || SecretValueShape.looksLikeSecret(data, value))
    }

    /// Whether the line holding `index` starts with `machine` or `default` (after a log's prefix, maybe).
    private func startsNetrcLine(before index: Int) -> Bool {
        lineContentStarts(before: index).contains { first in
            var firstEnd = first
            while firstEnd < count, !SecretPatterns.isWhitespace(data[firstEnd]) { firstEnd += 1 }
            return SecretScan.netrcWords.contains { $0.count == firstEnd - first && endsWithWord($0, at: firstEnd, caseSensitive: false) }
        }
    }

    /// netrc's `account X` on a `machine` line (a second password, ftp's `ACCT`; secrets20 #13). `index` is the
    /// second `c` of the word (`SecretPatterns.accountPair`).
    mutating func netrcAccount(at index: Int) {
        let start = index - 2
        guard start >= 0, index + 5 < count, SecretPatterns.lowercased(data[start]) == 0x61, start == 0 || SecretPatterns.isWhitespace(data[start - 1]),
            data[(index + 1)..<(index + 5)].map(SecretPatterns.lowercased).elementsEqual("ount".utf8), SecretPatterns.isSpace(data[index + 5])
        else { return }
        var valueStart = index + 5
        while valueStart < count, SecretPatterns.isSpace(data[valueStart]) { valueStart += 1 }
        guard valueStart < count, startsNetrcLine(before: start) else { return }
        let value = valueStart..<wordEnd(from: valueStart, separators: false)
        if !value.isEmpty, isValueWord(value, quoted: false) { add(value) }
    }

    /// `host:port:database:user:password`: a word of exactly five fields, the second a port number or
    /// `*` (a pgpass line, or one quoted in a message). Checked at its fourth colon.
    private mutating func pgpassLine(colonAt at: Int) {
        guard at + 1 < count, !SecretPatterns.isWhitespace(data[at + 1]) else { return }
        var start = at
        var colons = 0
        while start > 0, at - start < 256, !SecretPatterns.isWhitespace(data[start - 1]) {
            start -= 1
            if data[start] == 0x3A { colons += 1 }
            if colons > 3 { return }
        }
        guard colons == 3 else { return }
        var end = at + 1
        while end < count, !SecretPatterns.isWhitespace(data[end]) {
            if data[end] == 0x3A { return }
            end += 1
        }
        let fields = data[start..<at].split(separator: 0x3A, omittingEmptySubsequences: false)
        guard fields.count == 4, fields.allSatisfy({ !$0.isEmpty }) else { return }
        // A host with a letter (or `*`), a port of 2 to 5 digits (or `*`): `4:4:4->4:2:0` is no pgpass line.
        let (host, port) = (fields[0], fields[1])
        // Five fields of hex digits are an id (`X-GitHub-Request-Id: C4A2:1F8E:2B3C4D5:2C4D5E6:6571A2B3`).
        let isHex = { (byte: UInt8) in SecretPatterns.isDigit(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte) }
        if fields.allSatisfy({ $0.allSatisfy(isHex) }), data[(at + 1)..<end].allSatisfy(isHex) { return }
        guard host.elementsEqual([0x2A]) || host.contains(where: SecretPatterns.isLetter),
            port.elementsEqual([0x2A]) || ((2...5).contains(port.count) && port.allSatisfy(SecretPatterns.isDigit))
        else { return }
        add((at + 1)..<end)
    }
}
