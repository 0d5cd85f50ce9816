/// Secrets of a command line's words (`SecretScan.wordsPerLine`) found by one rule, whatever the tool: a word
/// whose name says it takes a secret takes the next word, or the part after its `:` or `=`.
///
/// - An option whose name has a part that says secret (`-hmac X`, `--community X`, `--auth-pass=X`), or a
///   Windows-style `/p:X` (`/p:`, `/pass:`, `/password:`).
/// - A word that names a password on its own (`password X`, `wifi-sec.psk X`): the next word, whatever it is.
/// - A short option's value that looks random (`-A X`, `-t X`: a letter names nothing, so the value's shape
///   decides), or the part of `user:X` after the colon when that does (`-a deploy:X`); a guess, never learned.
/// - A user option's `user,X` (lftp's `-u user,X`).
/// - A long option's two words, a credential's name and its value (`jq --arg pw X`).
extension SecretScan {
    /// Parts of an option's name that say its value is secret (a part is split at `-`, `_`, `.`).
    private static let secretNameParts: Set<String> = [
        "pass", "passwd", "password", "passphrase", "pw", "pwd", "secret", "token", "auth", "authpass", "privpass", "community",
        "credential", "credentials", "creds", "hmac", "psk", "apikey",
    ]
    /// Windows-style options (`/p:X`) that are passwords.
    private static let windowsPasswordOptions: Set<String> = ["p", "pass", "password", "pwd"]
    /// Whether an option's name (lowercase, without its dashes) is a switch about a secret, which takes no value
    /// (`--no-password`, `--ask-pass`, `--skip-token-check`): its first part says so.
    static func isSecretSwitch(_ name: String) -> Bool {
        guard let first = name.split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == "." }).first else { return false }
        return switchWords.contains(String(first))
    }

    /// First parts of an option's name that make it a switch about a secret, not a secret's option.
    private static let switchWords: Set<String> = ["no", "without", "skip", "disable", "ask", "prompt", "show", "print", "use", "with", "require"]
    /// First parts of a subcommand that acts on a password (`change_password USER X`): the next word is no value.
    private static let verbWords: Set<String> = [
        "change", "set", "reset", "update", "get", "show", "add", "remove", "delete", "rotate", "generate", "new", "check", "verify", "clear", "unset",
        "create", "edit", "forgot", "expire",
    ]
    /// Short words for a password, which name one as the last part of a longer word only.
    private static let shortPasswordWords: Set<String> = ["pw", "pwd", "pass", "passwd"]
    /// Parts of a word naming a password on its own, whose next word is the value whatever it looks like.
    private static let passwordWordParts: Set<String> = ["password", "passphrase", "psk"]

    /// The secrets of the command line by the names of its words (one word per line of the region).
    mutating func namedArgvSecrets() {
        let words = commandWords()
        guard words.count > 1 else { return }
        for (index, word) in words.enumerated().dropFirst() {
            let next = index + 1 < words.count ? words[index + 1] : nil
            if data[word.lowerBound] == 0x2F {
                windowsOption(word)
            } else if data[word.lowerBound] == 0x2D {
                namedOption(word, next: next)
                if let next, index + 2 < words.count { namedPair(option: word, name: next, value: words[index + 2]) }
            } else if let next, isPasswordWord(word), !SecretValueShape.isPlaceholder(data, next), data[next.lowerBound] != 0x2D {
                add(next)
            }
        }
    }

    /// A long option whose next two words are a name and its value (`jq --arg pw X`, `--argjson token X`, `--var
    /// password X`): the value, when the name is a credential's (secrets20 #1). A switch (`--no-…`) takes no words.
    private mutating func namedPair(option: Range<Int>, name: Range<Int>, value: Range<Int>) {
        guard option.count > 2, data[option.lowerBound + 1] == 0x2D, !data[option].contains(0x3D),
            !SecretScan.isSecretSwitch(lowercasedText((option.lowerBound + 2)..<option.upperBound)),
            data[name].allSatisfy(CredentialName.isNameByte), SecretPatterns.isLetter(data[name.lowerBound]),
            let kind = CredentialName.kind(of: data, name.lowerBound, name.upperBound), kind != .introducer,
            data[value.lowerBound] != 0x2D, !SecretValueShape.isPlaceholder(data, value)
        else { return }
        add(value)
    }

    /// `/p:X`, `/pass:X`: the part after the colon.
    private mutating func windowsOption(_ word: Range<Int>) {
        guard let colon = data[word].firstIndex(of: 0x3A), colon + 1 < word.upperBound,
            SecretScan.windowsPasswordOptions.contains(lowercasedText(word.lowerBound + 1..<colon))
        else { return }
        let value = (colon + 1)..<word.upperBound
        if !SecretValueShape.isPlaceholder(data, value) { add(value) }
    }

    /// `-name X`, `--name=X`, `-X value`, `-u user,X`.
    private mutating func namedOption(_ word: Range<Int>, next: Range<Int>?) {
        var nameStart = word.lowerBound
        while nameStart < word.upperBound, data[nameStart] == 0x2D { nameStart += 1 }
        guard nameStart - word.lowerBound <= 2, nameStart < word.upperBound else { return }
        let equals = data[nameStart..<word.upperBound].firstIndex(of: 0x3D)
        let name = lowercasedText(nameStart..<(equals ?? word.upperBound))
        let value = equals.map { ($0 + 1)..<word.upperBound } ?? next
        guard let value, !value.isEmpty, !SecretValueShape.isPlaceholder(data, value) else { return }
        // Another option is no value (`--auth-pass --verbose`), unless given with `=`.
        if equals == nil, data[value.lowerBound] == 0x2D { return }
        let parts = name.split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == "." }).map(String.init)
        if SecretScan.isSecretSwitch(name) { return }
        if let last = parts.last, SecretScan.secretNameParts.contains(last) {
            add(value)
        } else if parts.contains(where: SecretScan.secretNameParts.contains) {
            if SecretValueShape.looksLikeSecret(data, value) { add(value) }
        } else if name == "u" || name == "user", let comma = data[value].firstIndex(of: 0x2C), !data[value].contains(0x3A) {
            let password = (comma + 1)..<value.upperBound
            if SecretValueShape.looksLikeSecret(data, password) { add(password) }
        } else if name.count == 1, equals == nil {
            shortOptionValue(value)
        }
    }

    /// A single letter's value: the value, or what follows the colon of `user:X`, when it looks random.
    private mutating func shortOptionValue(_ value: Range<Int>) {
        guard let colon = data[value].firstIndex(of: 0x3A) else {
            if !data[value].contains(where: { $0 == 0x2E || $0 == 0x2F || $0 == 0x3D }), SecretValueShape.looksRandom(data, value) { addGuess(value) }
            return
        }
        let user = value.lowerBound..<colon
        let password = (colon + 1)..<value.upperBound
        // `-o DPkg::Lock::Timeout=600` is a setting's path and value, not `user:password`.
        guard !data[password].contains(0x3A), !data[password].contains(0x3D) else { return }
        guard !user.isEmpty, user.allSatisfy({ CredentialName.isNameByte(data[$0]) || data[$0] == 0x2E }),
            user.contains(where: { SecretPatterns.isLetter(data[$0]) }), SecretValueShape.looksRandom(data, password)
        else { return }
        addGuess(password)
    }

    /// A word naming a password on its own (`password`, `wifi-sec.psk`), not the `passwd` command.
    private func isPasswordWord(_ word: Range<Int>) -> Bool {
        let parts = lowercasedText(word).split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == "." })
        guard let last = parts.last, !data[word].contains(0x3D), !data[word].contains(0x3A),
            parts.count == 1 || !SecretScan.verbWords.contains(String(parts[0]))
        else { return false }
        // `user_pw`, `owner_pw` (pdftk): a short password word is one after a part that says whose it is.
        return SecretScan.passwordWordParts.contains(String(last)) || (parts.count > 1 && SecretScan.shortPasswordWords.contains(String(last)))
    }

    private func lowercasedText(_ range: Range<Int>) -> String {
        String(decoding: data[range].map(SecretPatterns.lowercased), as: UTF8.self)
    }
}
