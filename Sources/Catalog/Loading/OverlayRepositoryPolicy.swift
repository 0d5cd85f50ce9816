import InstallModel

/// The rule an overlay repository's files meet on top of the schema: its keyring and source file are named for it
/// (the base name is the repository's name or starts with it and a `-`, `_` or `.`), so an overlay cannot point
/// its key or source at a file another repository or the distribution owns (`/etc/apt/keyrings/docker.asc`,
/// `/etc/apt/sources.list.d/ubuntu.sources`). At run, `repo_setup` also refuses to replace a file evlog did not
/// write for the repository (Docs/CATALOG.md, "Overlay repositories").
enum OverlayRepositoryPolicy {
    /// The first file of `family` not named for it, as a load error at its entry.
    static func check(_ family: RepoFamily) throws(CatalogError) {
        for (key, spec) in family.variants.sorted(by: { $0.key < $1.key }) {
            for (field, path) in [("keyring", spec.keyringPath), ("source_path", spec.sourcePath)] {
                guard let path, !isNamed(path, for: family.name) else { continue }
                throw .invalidData(
                    file: spec.origin.file, line: spec.origin.line,
                    message: "repository '\(family.name)'.\(key): \(field) \(GrammarText.shown(path)) is not named for the repository; "
                        + "an overlay repository's files are its own (name them '\(family.name).…' or '\(family.name)-…')")
            }
        }
    }

    /// Whether the base name of `path` is `name`, or `name` followed by `-`, `_` or `.`.
    static func isNamed(_ path: String, for name: String) -> Bool {
        let base = path.split(separator: "/").last.map(String.init) ?? path
        guard base.hasPrefix(name) else { return false }
        return base.dropFirst(name.count).first.map { "-_.".contains($0) } ?? true
    }
}
