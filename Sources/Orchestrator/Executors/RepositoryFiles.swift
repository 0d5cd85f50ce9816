import InstallModel

/// Whose a repository's keyring and source file are: the source file evlog writes for a repository holds the line
/// `# evlog: repository NAME`, so `repo_setup` replaces an existing keyring or source file only when evlog wrote it
/// for the same repository (Docs/CATALOG.md, "Overlay repositories") — never the distribution's or another's.
enum RepositoryFiles {
    /// The line that marks a source file as written by evlog for the repository `name`.
    static func marker(for name: String) -> String { "# evlog: repository \(name)" }

    /// Writes the source file as evlog writes it for the repository `name`: its marker, then `entry`.
    static func writeSource(_ entry: String, to path: String, repository name: String, context: ExecutionContext) async -> StepOutcome {
        let contents = Array((marker(for: name) + "\n" + entry + "\n").utf8)
        return await FileWriter.write(path, contents: contents, mode: "0644", owner: nil, asRoot: true, context: context)
    }

    /// The refusal of the `repo_setup` `p` (its files `keyring` and `p.sourcePath`, the source `entry` as it would
    /// write it) when one of them is another's (`problem`), or nil.
    static func refusal(_ p: RepoSetupParameters, keyring: String?, entry: String?, context: ExecutionContext) -> StepOutcome? {
        problem(keyring: keyring, sourcePath: p.sourcePath, entry: entry, repository: p.name, fileSystem: context.fileSystem)
            .map { .failed(.refusedByPolicy($0)) }
    }

    /// Why the repository `name` may not write `keyring` and `sourcePath`: one of them exists and evlog did not
    /// write it for this repository. A source file is this repository's when it holds the marker (or is exactly
    /// `entry`, as evlog wrote it before the marker); a keyring is when the source file beside it is.
    static func problem(keyring: String?, sourcePath: String?, entry: String?, repository name: String, fileSystem: any FileSystem) -> String? {
        var sourceIsOurs = false
        if let sourcePath, fileSystem.exists(sourcePath) {
            let text = ((try? fileSystem.read(sourcePath)) ?? nil).map { String(decoding: $0, as: UTF8.self) }
            sourceIsOurs = text.map { text in
                text.split(separator: "\n").contains { $0 == marker(for: name) } || entry.map { text == $0 + "\n" } == true
            } ?? false
            if !sourceIsOurs { return refusal(sourcePath, name) }
        }
        if let keyring, fileSystem.exists(keyring), !sourceIsOurs { return refusal(keyring, name) }
        return nil
    }

    private static func refusal(_ path: String, _ name: String) -> String {
        "refusing to replace \(path) for the repository '\(name)': it exists and evlog did not write it for this repository "
            + "(remove it first if nothing uses it); nothing was changed"
    }
}
