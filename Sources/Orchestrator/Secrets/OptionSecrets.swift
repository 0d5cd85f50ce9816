/// Password options on a command line (argv, a `set -x` trace, a pasted command): a long option whose
/// name is a credential (`--password X`, `--password=X`, `-pass pass:X`, `--token X`), `-u`/`--user
/// user:password` (curl), and the short options that take a password in the tools that have one
/// (`mysql -pX`, `docker login -p X`, `sshpass -p X`, `redis-cli -a X`, `openssl enc -k X`,
/// `ldapsearch -w X`) — elsewhere `-p` is a port or a path, so the command on the line decides.
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
    ]
    private static let userOptions: [[UInt8]] = [Array("u".utf8), Array("user".utf8)]

    /// A `-` at `at`: an option, a private key block, or a token prefix ending in `-`.
    mutating func dash(at: Int) {
        if at == 0 || SecretPatterns.isWhitespace(data[at - 1]) || SecretPatterns.isQuote(data[at - 1]) {
            if privateKeyBlock(at: at) { return }
            option(startingAt: at)
            return
        }
        prefixedToken(endingAt: at)
    }

    private mutating func option(startingAt start: Int) {
        let end = wordEnd(from: start, separators: false)
        var nameStart = start
        while nameStart < end, data[nameStart] == 0x2D { nameStart += 1 }
        guard nameStart - start <= 2, nameStart < end else { return }
        var nameEnd = end
        if nameEnd > nameStart, SecretPatterns.isQuote(data[nameEnd - 1]) { nameEnd -= 1 }
        // `--password=X` is a `key=value`, found at its `=`.
        guard !data[nameStart..<nameEnd].contains(0x3D) else { return }
        if nameStart - start == 1, shortPassword(at: start, letterAt: nameStart, wordEnd: nameEnd) { return }
        let isUser = SecretScan.userOptions.contains { option in
            option.count == nameEnd - nameStart && zip(option, data[nameStart..<nameEnd]).allSatisfy { $0 == SecretPatterns.lowercased($1) }
        }
        if isUser {
            applyValue(.nextWordAfterColon, from: end)
            return
        }
        guard nameEnd - nameStart > 1, let kind = CredentialName.kind(of: data, nameStart, nameEnd) else { return }
        applyValue(kind == .weak ? .secretLookingWord : .nextWord, from: end)
    }

    /// `-pX` / `-p X` where the command on the line reads it as a password.
    private mutating func shortPassword(at start: Int, letterAt letter: Int, wordEnd end: Int) -> Bool {
        let options = SecretScan.shortPasswordOptions.filter { $0.letter == data[letter] }
        guard !options.isEmpty else { return false }
        let words = commandWords(before: start)
        for option in options where words.contains(where: option.tools.contains) {
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
