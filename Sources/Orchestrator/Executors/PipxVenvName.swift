import InstallModel

/// The name of the venv pipx makes for a package request: the package without its version or extras
/// (`huggingface_hub[cli]`, `yamllint==1.33.*`), as written and as pipx normalises it.
public enum PipxVenvName {
    /// The request's package name, as written.
    public static func bare(_ package: String) -> String { ToolParameters.unpinned(package, installer: .pipx) }

    /// The names pipx's venv may have: as written, and lowercased with `_` as `-`.
    static func candidates(_ package: String) -> Set<String> {
        let bare = bare(package)
        return [bare, bare.lowercased().replacingOccurrences(of: "_", with: "-")]
    }
}
