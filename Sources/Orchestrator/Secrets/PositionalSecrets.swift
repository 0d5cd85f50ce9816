/// Secrets a tool takes as a positional argument, in a command line's words (`SecretScan.wordsPerLine`):
/// `htpasswd -b FILE USER PASSWORD` (`-nb USER PASSWORD`), `vault login TOKEN`, `mc alias set NAME URL
/// ACCESS_KEY SECRET_KEY`. The tool is the basename of a word; its positionals are the words after it that
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
    }

    private static let positionalSecrets: [PositionalSecret] = [
        PositionalSecret(tools: ["htpasswd"], subcommand: [], flags: ["b"], withoutFlags: ["n"], positions: [2]),
        PositionalSecret(tools: ["htpasswd"], subcommand: [], flags: ["b", "n"], withoutFlags: [], positions: [1]),
        PositionalSecret(tools: ["vault"], subcommand: ["login"], flags: [], withoutFlags: [], positions: [0]),
        PositionalSecret(tools: ["mc", "mcli"], subcommand: ["alias", "set"], flags: [], withoutFlags: [], positions: [2, 3]),
        PositionalSecret(tools: ["mc", "mcli"], subcommand: ["config", "host", "add"], flags: [], withoutFlags: [], positions: [2, 3]),
    ]
    private static let positionalTools: Set<String> = Set(positionalSecrets.flatMap(\.tools))

    /// The positional secrets of the command line (one word per line of the region).
    mutating func positionalSecrets() {
        var words: [Range<Int>] = []
        var start = 0
        for index in 0...count where index == count || SecretPatterns.isLineEnd(data[index]) {
            if index > start { words.append(start..<index) }
            start = index + 1
        }
        let text = words.map { String(decoding: data[$0], as: UTF8.self) }
        guard let toolIndex = text.firstIndex(where: { SecretScan.positionalTools.contains(String($0.split(separator: "/").last ?? "")) }) else { return }
        let tool = String(text[toolIndex].split(separator: "/").last ?? "")
        let rest = words.indices.dropFirst(toolIndex + 1)
        let positionals = rest.filter { !text[$0].hasPrefix("-") }
        let letters = Set(rest.filter { text[$0].hasPrefix("-") && !text[$0].hasPrefix("--") }.flatMap { text[$0].dropFirst() })
        for shape in SecretScan.positionalSecrets where shape.tools.contains(tool) {
            guard positionals.count > shape.subcommand.count, zip(shape.subcommand, positionals).allSatisfy({ text[$1] == $0 }),
                shape.flags.isSubset(of: letters), shape.withoutFlags.isDisjoint(with: letters)
            else { continue }
            for position in shape.positions where shape.subcommand.count + position < positionals.count {
                let word = words[positionals[shape.subcommand.count + position]]
                // `vault login -method=userpass username=bob`: a `key=value` is found by its key.
                if !data[word].contains(0x3D), !SecretValueShape.isPlaceholder(data, word) { add(word) }
            }
            return
        }
    }
}
