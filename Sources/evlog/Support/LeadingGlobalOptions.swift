/// `evlog --home DIR list`: the options every command shares, written before the subcommand, move behind it
/// (to the end of the line, before any `--`), where each subcommand parses them; nothing else moves.
enum LeadingGlobalOptions {
    /// The shared flags (`GlobalOptions`), and the shared options that take a value.
    static let flags: Set<String> = ["--json", "--no-color"]
    static let valued: Set<String> = ["--home"]

    /// The arguments with the shared options before the subcommand moved behind it; unchanged when there
    /// are none, or when no subcommand follows them (`evlog --json --help` is left to the parser).
    static func moved(_ arguments: [String]) -> [String] {
        var leading: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if flags.contains(argument) || valued.contains(where: { argument.hasPrefix($0 + "=") }) {
                leading.append(argument)
                index += 1
            } else if valued.contains(argument), index + 1 < arguments.count {
                leading += [argument, arguments[index + 1]]
                index += 2
            } else {
                break
            }
        }
        guard !leading.isEmpty, index < arguments.count, !arguments[index].hasPrefix("-") else { return arguments }
        var rest = Array(arguments[index...])
        rest.insert(contentsOf: leading, at: rest.firstIndex(of: "--") ?? rest.count)
        return rest
    }
}
