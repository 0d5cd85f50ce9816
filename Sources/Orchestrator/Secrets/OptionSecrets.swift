/// Password options on a command line (argv, a `set -x` trace, a pasted command): a long option whose
/// name is a credential (`--password X`, `--password=X`, `-pass pass:X`, `--token X`), `-u`/`--user`/`--proxy-user
/// user:password` (curl), and the short options that take a password in the tools that have one
/// (`mysql -pX`, `docker login -p X`, `sshpass -p X`, `redis-cli -a X`, `openssl enc -k X`,
/// `ldapsearch -w X`) — elsewhere `-p` is a port or a path, so the command on the line decides — and
/// `-p X`/`-P X` after a user option (`-u`, `-U`, `--user`, `--username`) in any tool: the pair a login
/// takes (`sqlcmd -U sa -P X`, `az login -u id -p X`, `twine upload -u __token__ -p X`; a port is a number).
extension SecretScan {
    /// A short option that is a password in some tools.
    struct ShortPasswordOption {
        /// Command names (basenames) that read it so.
        let tools: Set<String>
        /// A word that must also be on the line (`login` for `docker login -p`).
        let subcommand: String?
        let letter: UInt8
        /// Whether `-pX` (the value attached) is the password, and whether `-p X` is.
        let attached: Bool
        let separate: Bool
    }

    static let shortPasswordOptions: [ShortPasswordOption] = [
        ShortPasswordOption(
            tools: ["mysql", "mysqldump", "mysqladmin", "mysqlimport", "mysqlshow", "mysqlcheck", "mysqlpump", "mariadb", "mariadb-dump", "mariadb-admin"],
            subcommand: nil, letter: 0x70, attached: true, separate: false),
        ShortPasswordOption(tools: ["sshpass"], subcommand: nil, letter: 0x70, attached: true, separate: true),
        ShortPasswordOption(
            tools: ["docker", "podman", "nerdctl", "buildah", "skopeo", "helm", "oras", "finch"], subcommand: "login", letter: 0x70,
            attached: false, separate: true),
        ShortPasswordOption(tools: ["redis-cli", "valkey-cli", "keydb-cli"], subcommand: nil, letter: 0x61, attached: true, separate: true),
        ShortPasswordOption(tools: ["openssl"], subcommand: nil, letter: 0x6B, attached: false, separate: true),
        ShortPasswordOption(
            tools: ["ldapsearch", "ldapadd", "ldapmodify", "ldapdelete", "ldapwhoami", "ldappasswd", "ldapcompare"], subcommand: nil,
            letter: 0x77, attached: false, separate: true),
        // Archivers: the password an archive is encrypted with.
        ShortPasswordOption(tools: ["zip", "zipcloak", "unzip", "funzip", "zipinfo"], subcommand: nil, letter: 0x50, attached: false, separate: true),
        ShortPasswordOption(tools: ["7z", "7za", "7zr", "7zz", "p7zip"], subcommand: nil, letter: 0x70, attached: true, separate: false),
        ShortPasswordOption(
            tools: ["mongo", "mongosh", "mongodump", "mongorestore", "mongoexport", "mongoimport", "mongostat", "mongotop"], subcommand: nil,
            letter: 0x70, attached: false, separate: true),
        ShortPasswordOption(tools: ["ssh-keygen"], subcommand: nil, letter: 0x4E, attached: false, separate: true),
        ShortPasswordOption(tools: ["unrar", "rar"], subcommand: nil, letter: 0x70, attached: true, separate: false),
        ShortPasswordOption(tools: ["vsql"], subcommand: nil, letter: 0x77, attached: false, separate: true),
        ShortPasswordOption(tools: ["ldappasswd"], subcommand: nil, letter: 0x73, attached: false, separate: true),
        ShortPasswordOption(tools: ["ssh-keygen"], subcommand: nil, letter: 0x50, attached: false, separate: true),
    ]
    private static let passwordSourceOptions: [[UInt8]] = ["pass", "passin", "passout"].map { Array($0.utf8) }
    /// The first is the password itself.
    private static let passwordSources: [[UInt8]] = ["pass:", "env:", "file:", "fd:", "stdin"].map { Array($0.utf8) }
    private static let userOptions: [[UInt8]] = ["u", "user", "proxy-user"].map { Array($0.utf8) }
    /// PowerShell's `ConvertTo-SecureString "X" -AsPlainText`: the argument before it is a password in the clear.
    private static let secureStringCmdlet = (verb: Array("convertto".utf8), noun: Array("securestring".utf8))
    private static let plainTextOption = Array("asplaintext".utf8)
    /// Options that name the user a following `-p`/`-P` is the password of.
    private static let loginUserOptions: Set<String> = ["-u", "-U", "--user", "--username"]

    /// A `-` at `at`: an option, a private key block, or a token prefix ending in `-`.
    mutating func dash(at: Int) {
        if at == 0 || SecretPatterns.isWhitespace(data[at - 1]) || SecretPatterns.isQuote(data[at - 1]) {
            if privateKeyBlock(at: at) { return }
            option(startingAt: at)
            return
        }
        if keyDumpLabel(dashAt: at) || secureStringCmdlet(dashAt: at) { return }
        prefixedToken(endingAt: at)
    }

    private mutating func option(startingAt start: Int) {
        let end = wordEnd(from: start, separators: false)
        var nameStart = start
        while nameStart < end, data[nameStart] == 0x2D { nameStart += 1 }
        guard nameStart - start <= 2, nameStart < end else { return }
        var nameEnd = end
        if nameEnd > nameStart, SecretPatterns.isQuote(data[nameEnd - 1]) { nameEnd -= 1 }
        // `--user=bob:X`, `-ubob:X`: the password after the colon of the attached value.
        if let equals = data[nameStart..<nameEnd].firstIndex(of: 0x3D) {
            if isUserOption(nameStart..<equals) { passwordAfterColon(in: (equals + 1)..<end) }
            // `--password=X` is a `key=value`, found at its `=`.
            return
        }
        if nameStart - start == 1, shortPassword(at: start, letterAt: nameStart, wordEnd: nameEnd) { return }
        if nameStart - start == 1, nameEnd - nameStart > 1, isUserOption(nameStart..<(nameStart + 1)) {
            passwordAfterColon(in: (nameStart + 1)..<end)
            return
        }
        if nameStart - start == 1, nameEnd - nameStart > 1, clusteredOption(at: start, letters: nameStart..<nameEnd) { return }
        if isUserOption(nameStart..<nameEnd) {
            applyValue(.nextWordAfterColon, from: end)
            return
        }
        if passwordSource(option: nameStart..<nameEnd, from: end) { return }
        if SecretScan.plainTextOption.elementsEqual(data[nameStart..<nameEnd].lazy.map(SecretPatterns.lowercased)) {
            plainTextArgument(before: start)
            return
        }
        if pipedSecret(option: nameStart..<nameEnd, at: start) { return }
        if SecretScan.isSecretSwitch(String(decoding: data[nameStart..<nameEnd].map(SecretPatterns.lowercased), as: UTF8.self)) { return }
        guard nameEnd - nameStart > 1, let kind = CredentialName.kind(of: data, nameStart, nameEnd) else { return }
        applyValue(kind == .cookie ? .cookieList : kind == .weak || kind == .pin ? .secretLookingWord : .nextWord, from: end)
    }

    /// `ConvertTo-SecureString [-String] X` (its `-` at `at`): X, the string it is given, is a password.
    private mutating func secureStringCmdlet(dashAt at: Int) -> Bool {
        let (verb, noun) = (SecretScan.secureStringCmdlet.verb, SecretScan.secureStringCmdlet.noun)
        guard at + 1 + noun.count <= count, endsWithWord(verb, at: at, caseSensitive: false),
            noun.elementsEqual(data[(at + 1)..<(at + 1 + noun.count)].lazy.map(SecretPatterns.lowercased))
        else { return false }
        var end = at + 1 + noun.count
        var next = end
        while next < count, SecretPatterns.isSpace(data[next]) { next += 1 }
        let option = Array("-string".utf8)
        if next + option.count <= count, option.elementsEqual(data[next..<(next + option.count)].lazy.map(SecretPatterns.lowercased)) {
            end = next + option.count
        }
        applyValue(.nextWord, from: end)
        return true
    }

    /// The word before an `-AsPlainText` at `option` (a quoted string's inside), unless it is an option.
    private mutating func plainTextArgument(before option: Int) {
        var end = option
        while end > 0, SecretPatterns.isSpace(data[end - 1]) { end -= 1 }
        guard end > 0 else { return }
        let quote = data[end - 1]
        if SecretPatterns.isQuote(quote) {
            let lineStart = lineStart(before: end, limit: 512)
            guard end - 1 > lineStart, let open = data[lineStart..<(end - 1)].lastIndex(of: quote) else { return }
            if !SecretValueShape.isPlaceholder(data, (open + 1)..<(end - 1)) { add((open + 1)..<(end - 1)) }
            return
        }
        var start = end
        while start > 0, !SecretPatterns.isWhitespace(data[start - 1]) { start -= 1 }
        if isValueWord(start..<end, quoted: false) { add(start..<end) }
    }

    /// openssl's `-pass`/`-passin`/`-passout SOURCE`: `pass:X` is the password (however short), `env:NAME`,
    /// `file:PATH`, `fd:N`, `stdin` only say where it is. Whether the option's value was such a source.
    private mutating func passwordSource(option name: Range<Int>, from end: Int) -> Bool {
        guard SecretScan.passwordSourceOptions.contains(where: { $0.elementsEqual(data[name].lazy.map(SecretPatterns.lowercased)) }) else { return false }
        var valueStart = end
        while valueStart < count, SecretPatterns.isSpace(data[valueStart]) || (wordsPerLine && SecretPatterns.isLineEnd(data[valueStart])) {
            valueStart += 1
        }
        let word = valueStart..<wordEnd(from: valueStart, separators: false)
        guard let source = SecretScan.passwordSources.first(where: { source in
            word.count >= source.count && source.elementsEqual(data[word.prefix(source.count)].lazy.map(SecretPatterns.lowercased))
        }) else { return false }
        if source == SecretScan.passwordSources[0] { passwordAfterColon(in: word) }
        return true
    }

    /// Whether `data[name]` is `u`, `user` or `proxy-user` (curl's `user:password` options).
    private func isUserOption(_ name: Range<Int>) -> Bool {
        SecretScan.userOptions.contains { option in
            option.count == name.count && zip(option, data[name]).allSatisfy { $0 == SecretPatterns.lowercased($1) }
        }
    }

    /// The password in a `user:password` word `data[word]`: what follows its first colon (or, with no
    /// colon, its first `%`: Samba's `-U user%password`).
    mutating func passwordAfterColon(in word: Range<Int>) {
        guard let colon = data[word].firstIndex(of: 0x3A) ?? data[word].firstIndex(of: 0x25) else { return }
        var valueEnd = word.upperBound
        if valueEnd > colon + 1, SecretPatterns.isQuote(data[valueEnd - 1]) { valueEnd -= 1 }
        add((colon + 1)..<valueEnd)
    }

    /// `-pX` / `-p X` where the command on the line reads it as a password: as that tool reads it when it
    /// is one of `shortPasswordOptions`, else as a login's `-p X` after a user option.
    private mutating func shortPassword(at start: Int, letterAt letter: Int, wordEnd end: Int) -> Bool {
        let options = SecretScan.shortPasswordOptions.filter { $0.letter == data[letter] }
        let loginPassword = end == letter + 1 && data[letter] | 0x20 == 0x70
        guard !options.isEmpty || loginPassword else { return false }
        let words = commandWords(before: start)
        let known = options.filter { option in words.contains(where: option.tools.contains) }
        guard !known.isEmpty else {
            guard loginPassword, words.contains(where: SecretScan.loginUserOptions.contains) else { return false }
            applyValue(.nextWord, from: end)
            return true
        }
        for option in known {
            if let subcommand = option.subcommand, !words.contains(subcommand) { continue }
            if end > letter + 1 {
                guard option.attached else { continue }
                add((letter + 1)..<end)
            } else {
                guard option.separate else { continue }
                applyValue(.nextWord, from: end)
            }
            return true
        }
        return false
    }

    /// `-fsSLu user:X` (curl), `-rP X` (zip), `-qN X` (ssh-keygen): a cluster of flag letters whose last letter is
    /// the tool's user or password option takes the next word as that option alone would (secrets15 F27).
    /// Whether it was such a cluster.
    private mutating func clusteredOption(at start: Int, letters: Range<Int>) -> Bool {
        let last = letters.upperBound - 1
        // Flags may be digits (`zip -9rP X`: the compression level); the option is a letter.
        guard letters.count <= 8, SecretPatterns.isLetter(data[last]), letters.allSatisfy({ SecretPatterns.isLetter(data[$0]) || SecretPatterns.isDigit(data[$0]) }) else {
            return false
        }
        if data[last] == 0x75, commandWords(before: start).contains(where: SecretScan.userPasswordTools.contains) {
            applyValue(.nextWordAfterColon, from: letters.upperBound)
            return true
        }
        return shortPassword(at: start, letterAt: last, wordEnd: letters.upperBound)
    }

    /// Tools whose `-u` takes `user:password` (elsewhere a clustered `u` is a flag: rsync's update, sort's unique).
    private static let userPasswordTools: Set<String> = ["curl"]

    /// The words before `start` on its line (the whole command, for a command line's words), each as
    /// its last path component (`/usr/bin/mysql` is `mysql`).
    private func commandWords(before start: Int) -> [String] {
        let lineStart = lineStart(before: start, limit: 512)
        return data[lineStart..<start].split(whereSeparator: SecretPatterns.isWhitespace).map { word in
            let name = word.split(separator: 0x2F).last ?? word[...]
            return String(decoding: name.filter { !SecretPatterns.isQuote($0) }, as: UTF8.self)
        }
    }
}
