import Foundation

/// The programs the system itself provides, by name: what a release installed under the same name would stand in for,
/// since `/usr/local/bin` and `~/.local/bin` come before the system's directories in every user's PATH (trust12 #15,
/// trust13 #2).
enum SystemProgram {
    static let directories = ["/usr/bin/", "/bin/", "/usr/sbin/", "/sbin/"]

    /// The system's program named `name`, or nil.
    static func path(named name: String) -> String? {
        directories.first { FileManager.default.fileExists(atPath: $0 + name) }.map { $0 + name }
    }

    /// Why a release may not install a program as `name`, or nil: it is the name of a system program and not one of
    /// the tool's own names in evlog's catalog (`ownNames`: a newer `jq` in front of Debian's is what `--method release`
    /// is for; a tool that calls its program `ls` or `passwd` is not).
    static func standInProblem(_ name: String, ownNames: [String]) -> String? {
        guard !ownNames.contains(name), let path = path(named: name) else { return nil }
        return "installs \(GrammarText.shown(name)), the name of the system's \(path), which it would stand in for"
    }
}
