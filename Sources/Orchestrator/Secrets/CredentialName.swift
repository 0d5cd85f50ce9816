/// Whether a name (a key, an option, a header, a variable) says its value is a credential, in any
/// spelling: `password`, `DATABASE_PASSWORD`, `dbPassword`, `X-Api-Key`, `aws_secret_access_key`,
/// `private_key_id`, `storepass`, `AccountKey`, `Proxy-Authorization`.
///
/// A name is split into parts at `_`, `-`, `.`, and case changes; what decides is its last part (trailing
/// digits and a qualifier aside: `value`, `data`, `string` — AWS's `SecretString`): a credential word there (`password`, `pwd`, `secret`, `token`,
/// `credentials`, `dsn`, …), or `key` after a word that makes it a secret one (`api`, `private`,
/// `secret`, `access`, `account`, …; a bare `key` names nothing). A word that only names a credential's file, path, URL or length
/// (`PASSWORD_FILE`, `token_url`) is last itself, so such names hold no secret.
enum CredentialName {
    /// How strongly a name says its value is secret.
    enum Kind: Equatable {
        /// The value is a secret whatever it looks like (`password`, `token`, `api_key`).
        case strong
        /// Also a common word (`pass`, `auth`, `sig`, `cookie`): the value must look like a secret.
        case weak
        /// `Authorization`, `Proxy-Authorization`: a scheme word, then the credential.
        case authorization
        /// `Cookie`, `Set-Cookie`: `name=value` pairs whose values are session secrets.
        case cookie
        /// A phrase that introduces a quoted credential (`IDENTIFIED BY 'X'`), no name of one.
        case introducer
        /// `pin`: a number of 4 to 12 digits is the value, else it must look like a secret (as `.weak`).
        case pin
        /// A credential only as a URL's query parameter (OAuth's `?code=X`, `&X-Amz-Signature=X`); elsewhere
        /// (`exit code=1`, `Code: AccessDenied`, gpg's `Signature:`) no name of one.
        case queryParameter
    }

    private struct Word {
        let bytes: [UInt8]
        let kind: Kind
        /// Whether the word may end a longer lowercase part (`dbpassword`, `storepass`, `accesstoken`).
        let endsCompounds: Bool

        init(_ text: String, _ kind: Kind, endsCompounds: Bool = false) {
            bytes = Array(text.utf8)
            self.kind = kind
            self.endsCompounds = endsCompounds
        }
    }

    private static let words: [Word] = [
        Word("password", .strong, endsCompounds: true), Word("passwd", .strong, endsCompounds: true),
        Word("passwords", .strong, endsCompounds: true), Word("pwd", .strong, endsCompounds: true), Word("passphrase", .strong, endsCompounds: true),
        Word("secret", .strong, endsCompounds: true), Word("secrets", .strong, endsCompounds: true),
        Word("token", .strong, endsCompounds: true), Word("tokens", .strong, endsCompounds: true),
        Word("credential", .strong, endsCompounds: true), Word("credentials", .strong, endsCompounds: true), Word("creds", .strong, endsCompounds: true),
        Word("apikey", .strong, endsCompounds: true), Word("dsn", .strong, endsCompounds: true), Word("oauth", .strong),
        // Yarn's `npmAuthIdent` (`user:password`, or its base64).
        Word("authident", .strong),
        // A Kubernetes registry secret's data keys (base64 of a config with `auth` in it).
        Word("dockerconfigjson", .strong), Word("dockercfg", .strong),
        Word("cookie", .cookie), Word("cookies", .cookie),
        Word("psk", .strong), Word("passcode", .strong, endsCompounds: true), Word("pin", .pin), Word("pincode", .pin),
        Word("sessionid", .weak, endsCompounds: true), Word("code", .queryParameter),
        Word("pass", .weak, endsCompounds: true), Word("pw", .weak, endsCompounds: true), Word("auth", .weak, endsCompounds: true), Word("sig", .weak),
        // PAM's and SSSD's authentication token (`ldap_default_authtok`), a wallet's words, a gossip or disk key (`encrypt = "…"`).
        Word("authtok", .strong, endsCompounds: true), Word("mnemonic", .strong), Word("encrypt", .weak), Word("seed", .weak), Word("pepper", .weak),
        Word("otp", .weak), Word("jwt", .weak),
        // A session id or a ticket grants access in a URL's query (`?ticket=ST-…`, `&sid=…`); elsewhere it names one.
        // (Not `session`: names ending in `ion` are most field names, `Version:`, `Description:`, and each would cost a look.)
        Word("ticket", .queryParameter), Word("sid", .queryParameter),
        // The last part of a vendor's `X-` header that carries its key (`X-JFrog-Art-Api`, `X-Honeycomb-Team`; `xHeaderWords`).
        Word("api", .weak), Word("team", .weak),
        // A signature is public (`Signature:` in gpg and rpm output), except in a URL's query, where it grants
        // the access (`X-Amz-Signature=`).
        Word("signature", .queryParameter), Word("key", .weak, endsCompounds: true), Word("keys", .weak, endsCompounds: true),
        Word("authorization", .authorization, endsCompounds: true), Word("authentication", .authorization),
        // A bearer token's own name (Composer's `"bearer": {"host": "X"}`, `bearer: X`); in a header it is a scheme.
        Word("bearer", .strong),
        // Okta's scheme for its API tokens (`Authorization: SSWS X`, and `SSWS X` alone; secrets20 #17).
        Word("ssws", .strong),
    ] + CredentialVocabulary.asciiWords.map { Word($0, .strong) }
    /// For each lowercase last byte, the words ending with it (most names are rejected by this table).
    private static let wordsByLastByte: [[Int]] = (0...255).map { byte in
        words.indices.filter { words[$0].bytes.last == UInt8(byte) }
    }
    /// Words before `key` that make it a secret key (`api_key`, `AccountKey`, `aws_secret_access_key`).
    private static let secretKeyQualifiers: [[UInt8]] = [
        "api", "application", "private", "secret", "access", "account", "auth", "signing", "master", "client", "encryption", "shared",
        "storage", "session", "app", "admin", "service", "subscription", "webhook", "license", "hmac", "sas", "crypt",
        "primary", "secondary", "root", "host", "machine", "deploy", "certificate", "unseal", "recovery",
    ].map { Array($0.utf8) }
    /// Words that end in `pass`, `pw`, `passwd` or `auth` but are no credential (sudoers' `NOPASSWD:` tag).
    private static let notPasswords: Set<[UInt8]> = Set(
        [
            "nopasswd", "nopass", "bypass", "compass", "encompass", "surpass", "trespass", "overpass", "underpass", "multipass", "onepass", "twopass", "firstpass",
            "noauth", "unauth", "preauth", "reauth", "deauth",
        ].map { Array($0.utf8) })
    /// Common words (`pass`, `auth`) that name a credential for sure at the end of a compound (`requirepass`,
    /// `masterauth`, `storepass`).
    private static let strongInCompounds: Set<[UInt8]> = Set(["pass", "auth", "pw"].map { Array($0.utf8) })
    /// Words that name a credential only as the last part of an `X-` header (`X-JFrog-Art-Api: X`): a vendor's header
    /// named for what its value opens (an API, a team) carries the key to it.
    private static let xHeaderWords: Set<[UInt8]> = Set(["api", "team"].map { Array($0.utf8) })
    /// A last part after the credential word that still names the credential itself.
    /// (`pem`, `json`, `config`: the credential in a format; `PRIVATE_KEY_PEM`, `DOCKER_AUTH_CONFIG`.)
    private static let valueQualifiers: [[UInt8]] = ["value", "b64", "base64", "hex", "data", "base", "string", "pem", "json", "config"].map { Array($0.utf8) }
    /// Files of credentials (`kubeconfig`, `netrc`): named with a value qualifier (`KUBECONFIG_DATA`), the file's content.
    private static let credentialFiles: [[UInt8]] = ["kubeconfig", "netrc", "npmrc", "pypirc", "pgpass", "htpasswd", "dockercfg"].map { Array($0.utf8) }
    private static let digitEndedQualifiers: [[UInt8]] = ["b64", "base64"].map { Array($0.utf8) }
    private static let idWord = Array("id".utf8)
    private static let privateWord = Array("private".utf8)
    private static let headerPrefix = Array("x".utf8)

    /// The kind of the name `data[start..<end]`, or nil when it names no credential.
    static func kind(of data: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Kind? {
        var end = end
        var qualified = false
        // `unseal_keys_b64`: an encoding's name ends in digits of its own.
        if end - start > 4, SecretPatterns.isDigit(data[end - 1]) {
            let encoding = lastPart(data, start, end)
            if matchesAny(digitEndedQualifiers, data, encoding) {
                end = trimSeparator(data, start, encoding.lowerBound)
                qualified = true
            }
        }
        while end > start, SecretPatterns.isDigit(data[end - 1]) { end -= 1 }
        guard end > start, mayEnd(data, start, end) else { return nil }
        var last = lastPart(data, start, end)
        qualified = qualified || matchesAny(valueQualifiers, data, last)
        if matchesAny(valueQualifiers, data, last) || (matches(idWord, data, last) && namesIdentifiedSecret(data, start, last.lowerBound)) {
            end = trimSeparator(data, start, last.lowerBound)
            guard end > start else { return nil }
            last = lastPart(data, start, end)
        }
        // `KUBECONFIG_DATA`, `netrc_content`: a file of credentials in a format, as a value (its name alone is its path).
        if qualified, matchesAny(credentialFiles, data, last) { return .strong }
        guard let found = word(endingAt: end, in: data, partStart: last.lowerBound) ?? wordAcrossCaseChange(data, start, last)
            ?? wordAcrossSeparator(data, start, last)
        else { return environmentKind(of: data, start, end) }
        let word = words[found.index]
        if namesReference(data, start, found.start) { return nil }
        // `SESSION_COOKIE`, `AUTH_COOKIE`: a variable holding one cookie's value, no header of `name=value` pairs.
        if word.kind == .cookie, found.start > start, isVariableName(data, start, end) { return .strong }
        if word.kind == .queryParameter { return isQueryName(data, start) ? .weak : nil }
        if xHeaderWords.contains(word.bytes) { return xHeader(data, start, found.start) ? .strong : nil }
        // `keys` as `key` (`unseal_keys_b64`, `api_keys`: a list of them).
        guard word.bytes == Array("key".utf8) || word.bytes == Array("keys".utf8) else {
            let compound = found.start > last.lowerBound && strongInCompounds.contains(word.bytes)
            return (xHeader(data, start, found.start) || compound || qualifiesPassword(data, start, found.start, word)
                || isPrivateSetting(data, start, found.start)) && word.kind == .weak ? .strong : word.kind
        }
        // `key`: what comes before it decides.
        if found.start > last.lowerBound {
            return matchesQualifier(data, last.lowerBound..<found.start) ? .strong : nil
        }
        let before = trimSeparator(data, start, found.start)
        // `?key=X`: an API key is what a query's bare `key` gives (Google's APIs, many a SaaS).
        guard before > start else { return isQueryName(data, start) ? .weak : nil }
        let previous = lastPart(data, start, before)
        if matchesQualifier(data, previous) || xHeader(data, start, found.start) { return .strong }
        // `signingInMemoryKey` (Gradle's `ORG_GRADLE_PROJECT_signingInMemoryKey`): a qualifier earlier in the camel-cased
        // run of words before `Key`; the value must look secret.
        if qualifiesCamelRun(data, start, previous) { return .weak }
        // `STRIPE_KEY`, `SENTRY_DSN_KEY`, `kaggle_key`, `routing_key`: a variable or a config key in one case named
        // after a service; the value must look secret.
        return sameCase(data, previous.lowerBound..<end) && data[before] == 0x5F ? .weak : nil
    }

    /// Whether the name starting at `start` is a URL query's (after `?` or `&`).
    private static func isQueryName(_ data: UnsafeBufferPointer<UInt8>, _ start: Int) -> Bool {
        start > 0 && (data[start - 1] == 0x3F || data[start - 1] == 0x26)
    }

    /// `pass` or `pw` as the last part of a longer name (`DB_PASS`, `smtp-pass`, `adminPw`, `admin_pw`): a name
    /// that says whose password it is, as `db_password` does, never a word of prose (a space does not join parts).
    private static func qualifiesPassword(_ data: UnsafeBufferPointer<UInt8>, _ start: Int, _ wordStart: Int, _ word: Word) -> Bool {
        guard passwordShortWords.contains(word.bytes), wordStart > start else { return false }
        let joint = data[wordStart - 1]
        return joint != 0x20 && (isNameSeparator(joint) || isLower(joint) || SecretPatterns.isDigit(joint))
    }

    private static let passwordShortWords: Set<[UInt8]> = Set(["pass", "pw"].map { Array($0.utf8) })

    /// Whether the name is more than the one credential word it ends with (`requirepass`, `db_password`,
    /// `dbPassword`; not `password`, `Token`): no word of prose or a file's name.
    static func isCompound(_ data: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        guard let found = word(endingAt: end, in: data, partStart: lastPart(data, start, end).lowerBound) else { return true }
        return found.start > start
    }

    /// Whether the name is one word after a lone leading `_` (npm's `_auth`, `_password`: a tool's own setting
    /// named for a credential, never prose), so its value is one whatever its length.
    private static func isPrivateSetting(_ data: UnsafeBufferPointer<UInt8>, _ start: Int, _ wordStart: Int) -> Bool {
        wordStart == start && start > 0 && data[start - 1] == 0x5F && (start == 1 || !isNameByte(data[start - 2]))
    }

    /// A credential word split by a case change inside it (`dbPassWord`): the last part joined to the one
    /// before it, when no separator stands between them.
    private static func wordAcrossCaseChange(_ data: UnsafeBufferPointer<UInt8>, _ start: Int, _ last: Range<Int>) -> (index: Int, start: Int)? {
        guard last.lowerBound > start, !isPartSeparator(data[last.lowerBound - 1]) else { return nil }
        let previous = lastPart(data, start, last.lowerBound)
        guard let found = word(endingAt: last.upperBound, in: data, partStart: previous.lowerBound), found.start == previous.lowerBound
        else { return nil }
        return found
    }

    /// A credential word split in two by one separator (`pass_word`, `session-id`, `Pass.Word`): the last
    /// part and the one before it, read as one.
    private static func wordAcrossSeparator(_ data: UnsafeBufferPointer<UInt8>, _ start: Int, _ last: Range<Int>) -> (index: Int, start: Int)? {
        guard last.lowerBound - start >= 2, isPartSeparator(data[last.lowerBound - 1]), !isPartSeparator(data[last.lowerBound - 2]) else { return nil }
        let previous = lastPart(data, start, last.lowerBound - 1)
        let joined = (Array(previous) + Array(last)).map { SecretPatterns.lowercased(data[$0]) }
        guard let index = words.indices.first(where: { words[$0].bytes == joined }) else { return nil }
        return (index, previous.lowerBound)
    }

    /// For each name ending (its last three bytes, five bits each, lowercase), whether a credential word
    /// or a qualifier after one may end there: most names (`Package`, `Version`) are rejected by this.
    private static let endings: [Bool] = {
        var table = [Bool](repeating: false, count: 1 << 15)
        let named: [[UInt8]] = words.map(\.bytes) + valueQualifiers + environmentWords.map(\.word) + credentialFiles
        let tails: [[UInt8]] = named.map { Array($0.suffix(3)) } + [idWord] + CredentialVocabulary.asciiEndings
        for tail in tails {
            // A tail shorter than three bytes (`pw`, `id`) may follow any byte.
            let firsts: [UInt8] = tail.count == 3 ? [tail[0]] : (0...255).map { UInt8($0) }
            for first in firsts { table[endingIndex(first, tail[tail.count - 2], tail[tail.count - 1])] = true }
        }
        return table
    }()

    private static func endingIndex(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Int {
        Int(SecretPatterns.lowercased(a) & 31) << 10 | Int(SecretPatterns.lowercased(b) & 31) << 5 | Int(SecretPatterns.lowercased(c) & 31)
    }

    /// Whether a credential name may end at `end` (trailing digits aside), looking at its last three
    /// bytes only: the cheap first test before a name is scanned at all.
    static func mayEnd(_ data: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        let nameEnd = end
        var end = end
        while end > start, SecretPatterns.isDigit(data[end - 1]) { end -= 1 }
        guard end - start >= 2 else { return false }
        // `…_b64`, `…_base64` (`digitEndedQualifiers`): `kind` looks at the name before. Only these: a package
        // name before a colon (`libnettle8:amd64`, `libdb5.3:amd64`) would cost a look at each line of apt's output.
        if digitEndedQualifiers.contains(where: { $0.count <= nameEnd - start && matches($0, data, (nameEnd - $0.count)..<nameEnd) }) {
            return true
        }
        let first = end - start >= 3 ? data[end - 3] : 0
        return endings[endingIndex(first, data[end - 2], data[end - 1])]
    }

    /// Words whose value may be several words (a passphrase).
    private static let passwordWords: [[UInt8]] = (["password", "passwd", "pwd", "passphrase"] + CredentialVocabulary.asciiWords).map { Array($0.utf8) }

    /// Whether the name `data[start..<end]` ends with a password word (`db_password`, `MYSQL_PWD`).
    static func namesPassword(_ data: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var end = end
        while end > start, SecretPatterns.isDigit(data[end - 1]) { end -= 1 }
        return passwordWords.contains { word in end - start >= word.count && matches(word, data, (end - word.count)..<end) }
    }

    /// `X-…-Key`, `X-…-Token`: a header whose first part is `x`.
    private static func xHeader(_ data: UnsafeBufferPointer<UInt8>, _ start: Int, _ wordStart: Int) -> Bool {
        wordStart - start >= 2 && SecretPatterns.lowercased(data[start]) == headerPrefix[0] && data[start + 1] == 0x2D
    }

    /// Whether the name before an `id` part makes the id the credential itself: a private key's
    /// (`private_key_id`), or a secret's (Vault's `secret_id`, Consul's `SecretID`; an `AccessorID` is no secret).
    private static func namesIdentifiedSecret(_ data: UnsafeBufferPointer<UInt8>, _ start: Int, _ idStart: Int) -> Bool {
        let end = trimSeparator(data, start, idStart)
        guard end > start else { return false }
        return matches(secretWord, data, lastPart(data, start, end)) || namesPrivateKey(data, start, end)
    }

    private static let secretWord = Array("secret".utf8)

    private static func namesPrivateKey(_ data: UnsafeBufferPointer<UInt8>, _ start: Int, _ idStart: Int) -> Bool {
        let end = trimSeparator(data, start, idStart)
        guard end > start, let found = word(endingAt: end, in: data, partStart: lastPart(data, start, end).lowerBound),
            words[found.index].bytes == Array("key".utf8)
        else { return false }
        let keyPart = lastPart(data, start, end)
        if found.start > keyPart.lowerBound { return matches(privateWord, data, keyPart.lowerBound..<found.start) }
        let before = trimSeparator(data, start, found.start)
        return before > start && matches(privateWord, data, lastPart(data, start, before))
    }

    /// Whether a part joined to `part` by case changes alone, before it, is a qualifier (`signing` of `signingInMemory`).
    private static func qualifiesCamelRun(_ data: UnsafeBufferPointer<UInt8>, _ start: Int, _ part: Range<Int>) -> Bool {
        var part = part
        while part.lowerBound > start, !isPartSeparator(data[part.lowerBound - 1]) {
            part = lastPart(data, start, part.lowerBound)
            if matchesQualifier(data, part) { return true }
        }
        return false
    }

    private static func matchesQualifier(_ data: UnsafeBufferPointer<UInt8>, _ part: Range<Int>) -> Bool {
        secretKeyQualifiers.contains { qualifier in
            // A qualifier may end a longer part (`awssecret`, `storageaccount`).
            part.count >= qualifier.count && matches(qualifier, data, (part.upperBound - qualifier.count)..<part.upperBound)
        }
    }

    /// The credential word ending at `end`, starting on a part boundary (or ending a compound part).
    private static func word(endingAt end: Int, in data: UnsafeBufferPointer<UInt8>, partStart: Int) -> (index: Int, start: Int)? {
        for index in wordsByLastByte[Int(SecretPatterns.lowercased(data[end - 1]))] {
            let word = words[index]
            let start = end - word.bytes.count
            guard start >= partStart, matches(word.bytes, data, start..<end) else { continue }
            if start == partStart { return (index, start) }
            // Inside a part: only a compound (`dbpassword`), all of one case, and not an ordinary word (`bypass`).
            guard word.endsCompounds, sameCase(data, partStart..<end) else { continue }
            let part = data[partStart..<end].map(SecretPatterns.lowercased)
            if notPasswords.contains(part) { continue }
            return (index, start)
        }
        return nil
    }

    /// The last part of `data[start..<end]`: after the last `_`, `-`, `.`, or case change into a capital.
    static func lastPart(_ data: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Range<Int> {
        var partStart = end - 1
        while partStart > start {
            let byte = data[partStart], previous = data[partStart - 1]
            if isPartSeparator(previous) { break }
            // `dbPassword` (a capital after a lowercase), `APIKey` (the capital before a lowercase run).
            if isUpper(byte), isLower(previous) || SecretPatterns.isDigit(previous) { break }
            if isUpper(byte), isUpper(previous), partStart + 1 < end, isLower(data[partStart + 1]) { break }
            partStart -= 1
        }
        if partStart == start, partStart < end, isPartSeparator(data[partStart]) { partStart += 1 }
        return max(start, partStart)..<end
    }

    private static func trimSeparator(_ data: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        var end = end
        while end > start, isPartSeparator(data[end - 1]) { end -= 1 }
        return end
    }

    private static func matchesAny(_ candidates: [[UInt8]], _ data: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        candidates.contains { matches($0, data, range) }
    }

    private static func matches(_ word: [UInt8], _ data: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard word.count == range.count else { return false }
        for (offset, byte) in word.enumerated() where SecretPatterns.lowercased(data[range.lowerBound + offset]) != byte { return false }
        return true
    }

    private static func sameCase(_ data: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        let letters = range.filter { SecretPatterns.isLetter(data[$0]) }
        return letters.allSatisfy { isLower(data[$0]) } || letters.allSatisfy { isUpper(data[$0]) }
    }

    /// An all-capital variable name of parts joined by `_` (`SESSION_COOKIE`).
    static func isVariableName(_ data: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        (start..<end).allSatisfy { isUpper(data[$0]) || SecretPatterns.isDigit(data[$0]) || data[$0] == 0x5F } && data[start..<end].contains(0x5F)
    }

    static func isNameSeparator(_ byte: UInt8) -> Bool { byte == 0x5F || byte == 0x2D || byte == 0x2E }
    /// Separates the parts of a name: a name separator, or a space in a name of several words (`Secret access key`).
    private static func isPartSeparator(_ byte: UInt8) -> Bool { isNameSeparator(byte) || byte == 0x20 }
    /// A byte a name is made of.
    static func isNameByte(_ byte: UInt8) -> Bool { SecretPatterns.isLetter(byte) || SecretPatterns.isDigit(byte) || isNameSeparator(byte) }
    private static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
    private static func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
}
