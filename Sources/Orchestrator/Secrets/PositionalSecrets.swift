/// Secrets a tool takes as a positional argument, in a command line's words (`SecretScan.wordsPerLine`):
/// `htpasswd -b FILE USER PASSWORD` (`-nb USER PASSWORD`), `vault login TOKEN`, `mc alias set NAME URL
/// ACCESS_KEY SECRET_KEY`, `cargo login TOKEN`, `redis-cli AUTH [USER] PASSWORD`; and options that are
/// secret in one command only (`gh secret set NAME --body X`, `dotnet nuget push -k X`). The tool is the basename of a word; its positionals are the words after it that
/// are no options, the subcommand first.
extension SecretScan {
    private struct PositionalSecret {
        let tools: Set<String>
        let subcommand: [String]
        /// Letters that must all be in the short options given (`-b`, `-bc`), and letters that must not.
        let flags: Set<Character>
        let withoutFlags: Set<Character>
        /// The positionals (after the subcommand, 0-based) that are secrets.
        let positions: [Int]
        /// Options whose value (the next word, or after `=`) is a secret in this command (`gh secret set --body X`).
        var options: Set<String> = []
    }

    private static let positionalSecrets: [PositionalSecret] = [
        PositionalSecret(tools: ["htpasswd"], subcommand: [], flags: ["b"], withoutFlags: ["n"], positions: [2]),
        PositionalSecret(tools: ["htpasswd"], subcommand: [], flags: ["b", "n"], withoutFlags: [], positions: [1]),
        PositionalSecret(tools: ["vault"], subcommand: ["login"], flags: [], withoutFlags: [], positions: [0]),
        PositionalSecret(tools: ["mc", "mcli"], subcommand: ["alias", "set"], flags: [], withoutFlags: [], positions: [2, 3]),
        PositionalSecret(tools: ["mc", "mcli"], subcommand: ["config", "host", "add"], flags: [], withoutFlags: [], positions: [2, 3]),
        PositionalSecret(tools: ["cargo"], subcommand: ["login"], flags: [], withoutFlags: [], positions: [0]),
        PositionalSecret(tools: ["redis-cli", "valkey-cli", "keydb-cli"], subcommand: ["AUTH"], flags: [], withoutFlags: [], positions: [0, 1]),
        PositionalSecret(tools: ["redis-cli", "valkey-cli", "keydb-cli"], subcommand: ["auth"], flags: [], withoutFlags: [], positions: [0, 1]),
        PositionalSecret(tools: ["nuget"], subcommand: ["setapikey"], flags: [], withoutFlags: [], positions: [0]),
        PositionalSecret(tools: ["snyk"], subcommand: ["auth"], flags: [], withoutFlags: [], positions: [0]),
        PositionalSecret(tools: ["ngrok"], subcommand: ["authtoken"], flags: [], withoutFlags: [], positions: [0]),
        PositionalSecret(tools: ["ngrok"], subcommand: ["config", "add-authtoken"], flags: [], withoutFlags: [], positions: [0]),
        PositionalSecret(tools: ["rclone"], subcommand: ["obscure"], flags: [], withoutFlags: [], positions: [0]),
        PositionalSecret(tools: ["gh"], subcommand: ["secret", "set"], flags: [], withoutFlags: [], positions: [], options: ["--body", "-b"]),
        PositionalSecret(tools: ["dotnet"], subcommand: ["nuget", "push"], flags: [], withoutFlags: [], positions: [], options: ["-k", "--api-key"]),
        PositionalSecret(tools: ["doctl"], subcommand: ["auth", "init"], flags: [], withoutFlags: [], positions: [], options: ["-t"]),
        // A password to hash, last (`openssl passwd -6 X`, `mkpasswd -m sha-512 X`), or after its user.
        PositionalSecret(tools: ["openssl"], subcommand: ["passwd"], flags: [], withoutFlags: [], positions: [lastPosition]),
        PositionalSecret(tools: ["mkpasswd"], subcommand: [], flags: [], withoutFlags: [], positions: [lastPosition]),
        PositionalSecret(tools: ["rabbitmqctl"], subcommand: ["add_user"], flags: [], withoutFlags: [], positions: [1]),
        PositionalSecret(tools: ["rabbitmqctl"], subcommand: ["change_password"], flags: [], withoutFlags: [], positions: [1]),
        PositionalSecret(tools: ["mysqladmin"], subcommand: ["password"], flags: [], withoutFlags: [], positions: [0]),
        // A login's password after its user, a new user's after its name, a passphrase after its network.
        PositionalSecret(tools: ["cf"], subcommand: ["auth"], flags: [], withoutFlags: [], positions: [1]),
        PositionalSecret(tools: ["samba-tool"], subcommand: ["user", "create"], flags: [], withoutFlags: [], positions: [1]),
        PositionalSecret(tools: ["mc", "mcli"], subcommand: ["admin", "user", "add"], flags: [], withoutFlags: [], positions: [2]),
        PositionalSecret(tools: ["isql"], subcommand: [], flags: [], withoutFlags: [], positions: [2]),
        PositionalSecret(tools: ["wpa_passphrase"], subcommand: [], flags: [], withoutFlags: [], positions: [1]),
        PositionalSecret(tools: ["ansible-vault"], subcommand: ["encrypt_string"], flags: [], withoutFlags: [], positions: [0]),
        PositionalSecret(tools: ["consul"], subcommand: ["acl", "set-agent-token"], flags: [], withoutFlags: [], positions: [1]),
        // Every literal of a secret is one, whatever its key (`--from-literal=api=X`).
        PositionalSecret(tools: ["kubectl", "oc"], subcommand: ["create", "secret"], flags: [], withoutFlags: [], positions: [], options: ["--from-literal"]),
    ]
    private static let positionalTools: Set<String> = Set(positionalSecrets.flatMap(\.tools))
    /// A position that means the last positional of the line.
    private static let lastPosition = -1

    /// The words of the command line, one a line of the region.
    func commandWords() -> [Range<Int>] {
        var words: [Range<Int>] = []
        var start = 0
        for index in 0...count where index == count || SecretPatterns.isLineEnd(data[index]) {
            if index > start { words.append(start..<index) }
            start = index + 1
        }
        return words
    }

    /// The positional secrets of the command line (one word per line of the region).
    mutating func positionalSecrets() {
        let words = commandWords()
        let text = words.map { String(decoding: data[$0], as: UTF8.self) }
        configSettingSecrets(words, text)
        guard let toolIndex = text.firstIndex(where: { SecretScan.positionalTools.contains(String($0.split(separator: "/").last ?? "")) }) else { return }
        let tool = String(text[toolIndex].split(separator: "/").last ?? "")
        let rest = words.indices.dropFirst(toolIndex + 1)
        let positionals = rest.filter { !text[$0].hasPrefix("-") }
        let letters = Set(rest.filter { text[$0].hasPrefix("-") && !text[$0].hasPrefix("--") }.flatMap { text[$0].dropFirst() })
        // A word right after an option may be that option's value (`redis-cli -h host AUTH X`): the subcommand
        // may start after such words only.
        let optionValueCount = positionals.prefix { $0 > rest.lowerBound && text[$0 - 1].hasPrefix("-") && !text[$0 - 1].contains("=") }.count
        for shape in SecretScan.positionalSecrets where shape.tools.contains(tool) {
            guard shape.flags.isSubset(of: letters), shape.withoutFlags.isDisjoint(with: letters),
                let skipped = (0...optionValueCount).first(where: { skip in
                    positionals.count > skip + shape.subcommand.count
                        && zip(shape.subcommand, positionals.dropFirst(skip)).allSatisfy({ text[$1] == $0 })
                })
            else { continue }
            let positionals = Array(positionals.dropFirst(skipped))
            // An option's value is no positional (`gh secret set NAME --body X`).
            let optionValues = Set(rest.filter { $0 > rest.lowerBound && shape.options.contains(text[$0 - 1]) })
            let after = positionals.count - shape.subcommand.count
            for position in shape.positions.map({ $0 == SecretScan.lastPosition ? after - 1 : $0 }) where position >= 0 && position < after {
                let index = positionals[shape.subcommand.count + position]
                let word = words[index]
                // `vault login -method=userpass username=bob`: a `key=value` is found by its key.
                if !optionValues.contains(index), !data[word].contains(0x3D), !SecretValueShape.isPlaceholder(data, word) { add(word) }
            }
            for index in rest {
                let word = words[index]
                if optionValues.contains(index) {
                    if !SecretValueShape.isPlaceholder(data, word) { add(word) }
                } else if let equals = data[word].firstIndex(of: 0x3D), shape.options.contains(String(decoding: data[word.lowerBound..<equals], as: UTF8.self)) {
                    add((equals + 1)..<word.upperBound)
                }
            }
            return
        }
    }
}
