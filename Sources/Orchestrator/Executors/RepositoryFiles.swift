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

    /// What the files already there decide for the `repo_setup` `p` (its files `keyring` and `p.sourcePath`, the
    /// source `entry` as it would write it), or nil to go on and write them: skipped when the user's own source file
    /// points at the same URLs and keys as `entry` (and those keyrings exist), refused when one is another's.
    static func outcome(_ p: RepoSetupParameters, keyring: String?, entry: String?, context: ExecutionContext) -> StepOutcome? {
        switch verdict(keyring: keyring, sourcePath: p.sourcePath, entry: entry, repository: p.name, fileSystem: context.fileSystem) {
        case .write: return nil
        case .useTheUsers(let detail): return .skipped(detail: detail)
        case .refuse(let reason): return .failed(.refusedByPolicy(reason))
        }
    }

    /// What `repo_setup` does about the files it would write.
    enum Verdict: Equatable {
        /// None exists, or evlog wrote them for this repository: write them.
        case write
        /// The user's own source file already points where evlog's would: use it as it is.
        case useTheUsers(String)
        /// One exists that is not evlog's for this repository and points elsewhere: refuse, saying what to do.
        case refuse(String)
    }

    /// What the repository `name` does about `keyring` and `sourcePath`. A source file is this repository's when
    /// it holds the marker (or is exactly `entry`, as evlog wrote it before the marker); a keyring is when the source
    /// file beside it is. A source file evlog did not write is used as it is when it points at every URL and key of
    /// `entry` (`SourcePointers`) and every key it names as a file exists.
    static func verdict(keyring: String?, sourcePath: String?, entry: String?, repository name: String, fileSystem: any FileSystem) -> Verdict {
        var sourceIsOurs = false
        if let sourcePath, fileSystem.exists(sourcePath) {
            let text = ((try? fileSystem.read(sourcePath)) ?? nil).map { String(decoding: $0, as: UTF8.self) } ?? ""
            sourceIsOurs = text.split(separator: "\n").contains { $0 == marker(for: name) } || entry.map { text == $0 + "\n" } == true
            if !sourceIsOurs {
                let wanted = SourcePointers(entry ?? "")
                if SourcePointers(text).covers(wanted), wanted.keys.filter({ $0.hasPrefix("/") }).allSatisfy(fileSystem.exists) {
                    return .useTheUsers(
                        "\(sourcePath) is not evlog's but points at the same repository (\(wanted.urls.sorted().joined(separator: ", "))) "
                            + "and key (\(wanted.keys.sorted().joined(separator: ", "))): used as it is, its key not checked by evlog")
                }
                return .refuse(refusal(sourcePath, name, entry: entry, isSource: true))
            }
        }
        if let keyring, fileSystem.exists(keyring), !sourceIsOurs { return .refuse(refusal(keyring, name, entry: entry, isSource: false)) }
        return .write
    }

    /// The one-line refusal for the existing `path`: whose it is not, and the ways on — move it aside; for a source
    /// file also make it evlog's (the marker line) or point it where evlog would, and it is used as it is.
    private static func refusal(_ path: String, _ name: String, entry: String?, isSource: Bool) -> String {
        let points = isSource ? SourcePointers(entry ?? "") : nil
        let same = points.flatMap { points in
            points.urls.isEmpty || points.keys.isEmpty ? nil
                : "; or keep yours pointing at \(points.urls.sorted().joined(separator: " ")) with the key \(points.keys.sorted().joined(separator: " ")) and evlog uses it as it is"
        } ?? ""
        let adopt = isSource ? "; or let evlog replace it by adding the line '\(marker(for: name))' to it" : " (evlog then fetches the key and checks it)"
        return "refusing to replace \(path) for the repository '\(name)': it exists and evlog did not write it for this repository. "
            + "Move it aside (sudo mv \(path) \(path).orig) and run again\(adopt)\(same); nothing was changed"
    }
}
