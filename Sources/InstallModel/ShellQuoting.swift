/// POSIX shell quoting for displaying argv as a copy-pasteable command line.
public enum ShellQuoting {
    public static func quote(_ word: String) -> String {
        let safe = word.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:,+@%^".contains($0) }
        if safe && !word.isEmpty { return word }
        return "'" + word.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }

    /// `argv` as one copy-pasteable command line: each word quoted, joined by spaces.
    public static func line(_ argv: some Sequence<String>) -> String { argv.map(quote).joined(separator: " ") }
}
