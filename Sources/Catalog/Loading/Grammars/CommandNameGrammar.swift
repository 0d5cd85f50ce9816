import InstallModel

/// A command a recipe names: the recipe's `binary` is a plain file name (it becomes `~/.local/bin/<binary>`); a package
/// entry's `binary` may also be an absolute path of plain names (`/usr/libexec/qemu-kvm`).
enum CommandNameGrammar {
    /// What is wrong with `name` as a plain command name, or nil.
    static func problem(withName name: String) -> String? {
        GrammarText.isPlainFileName(Substring(name))
            ? nil : "is not a plain command name (letters, digits, '._+-@', no '/', not starting with '-' or '.')"
    }

    /// What is wrong with `command` as a command name or an absolute path to one, or nil.
    static func problem(withCommand command: String) -> String? {
        guard command.hasPrefix("/") else { return problem(withName: command) }
        let elements = command.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        return elements.allSatisfy(GrammarText.isPlainFileName)
            ? nil : "is not a command name or an absolute path of plain names (no '..', no empty elements)"
    }

    /// What is wrong with a plan's verify command, or nil: a command as above, or a plain name in a directory of the
    /// home a user-level installer puts commands in (`~/.local/bin/x`, `~/.cargo/bin/x`, `~/go/bin/x`): a second
    /// copy's verify step runs its own file, not the copy first on PATH (`Resolver.ownCommand`), and nothing else.
    static func problem(withRecordedCommand command: String) -> String? {
        guard command.hasPrefix("~/") else { return problem(withCommand: command) }
        let directories = PackageManager.allCases.compactMap(LifecyclePlanner.userBinDirectory(of:)).reduce(into: [String]()) {
            if !$0.contains($1) { $0.append($1) }
        }
        guard let slash = command.lastIndex(of: "/"), directories.contains(String(command[..<slash])) else {
            return "is under the home but not in a directory evlog installs commands in (\(directories.joined(separator: ", ")))"
        }
        return problem(withName: String(command[command.index(after: slash)...]))
    }
}
