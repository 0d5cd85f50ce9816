/// `evlog --home DIR list`: the options every command shares, written before the subcommand, move behind it
/// (to the end of the line, before any `--`), where each subcommand parses them; nothing else moves.
enum LeadingGlobalOptions {
    /// The shared flags (`GlobalOptions`), and the shared options that take a value.
    static let flags: Set<String> = ["--json", "--no-color"]
    static let valued: Set<String> = ["--home"]

    /// The arguments with the shared options before the subcommand moved behind it; unchanged when there
    /// are none, or when no subcommand follows them (`evlog --json --help` is left to the parser).
    static func moved(_ arguments: [String]) -> [String] {
        guard let (leading, rest) = split(arguments) else { return arguments }
        var moved = rest
        moved.insert(contentsOf: leading, at: rest.firstIndex(of: "--") ?? rest.count)
        return moved
    }

    /// Why the line is refused when an option that takes a value is given both before and after the subcommand
    /// (`evlog --home A list --home B`): either reading would silently drop a home the user typed (truth20 #7).
    static func givenTwice(_ arguments: [String]) -> String? {
        guard let (leading, rest) = split(arguments) else { return nil }
        let options = rest[..<(rest.firstIndex(of: "--") ?? rest.count)]
        for name in valued where leading.contains(where: { named($0, name) }) && options.contains(where: { named($0, name) }) {
            return "\(name) is given both before and after the subcommand; give it once"
        }
        return nil
    }

    /// The shared options before the subcommand, and the rest from the subcommand on; nil when there are none or no
    /// subcommand follows them.
    private static func split(_ arguments: [String]) -> (leading: [String], rest: [String])? {
        var leading: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if flags.contains(argument) || valued.contains(where: { named(argument, $0) && argument != $0 }) {
                leading.append(argument)
                index += 1
            } else if valued.contains(argument), index + 1 < arguments.count {
                leading += [argument, arguments[index + 1]]
                index += 2
            } else {
                break
            }
        }
        guard !leading.isEmpty, index < arguments.count, !arguments[index].hasPrefix("-") else { return nil }
        return (leading, Array(arguments[index...]))
    }

    /// Whether `argument` is the option `name`, alone or as `name=value`.
    private static func named(_ argument: String, _ name: String) -> Bool {
        argument == name || argument.hasPrefix(name + "=")
    }
}
