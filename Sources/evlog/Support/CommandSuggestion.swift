/// `evlog instal` → "did you mean 'install'?": an unknown subcommand is named with the closest known one.
enum CommandSuggestion {
    /// Edits (insert, delete, replace, swap two neighbours) a typo may be away from what was meant.
    static let distanceMax = 2

    /// The usage error for `arguments` when they start with an unknown subcommand (also after `help`), else nil.
    static func unknownCommandMessage(_ arguments: [String], known: [String]) -> String? {
        let word = arguments.first == "help" ? arguments.dropFirst().first : arguments.first
        guard let word, !word.hasPrefix("-"), word != "help", !known.contains(word) else { return nil }
        let hint = closest(to: word, among: known).map { "; did you mean '\($0)'?" } ?? ""
        return "unknown command '\(word)'\(hint) (see `evlog --help`)"
    }

    /// The known name fewest edits away from `word`, if within `distanceMax`; a prefix of one name counts too.
    static func closest(to word: String, among names: [String]) -> String? {
        let prefixed = names.filter { $0.hasPrefix(word) }
        if word.count >= 3, prefixed.count == 1 { return prefixed[0] }
        let scored = names.map { (name: $0, distance: distance(Array(word), Array($0))) }
        guard let best = scored.min(by: { $0.distance < $1.distance }), best.distance <= distanceMax else { return nil }
        return best.name
    }

    /// Optimal string alignment distance between two short words.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}
