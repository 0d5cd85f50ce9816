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

    /// What is wrong with a plan's verify command, or nil: a command as above, or a path of plain names under the
    /// home (`~/.local/bin/x`: a second copy's verify step runs its own file, not the copy first on PATH).
    static func problem(withRecordedCommand command: String) -> String? {
        problem(withCommand: command.hasPrefix("~/") ? String(command.dropFirst()) : command)
    }
}
