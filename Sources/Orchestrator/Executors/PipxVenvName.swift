import InstallModel

/// The name of the venv pipx makes for a package request: the package without its version or extras
/// (`huggingface_hub[cli]`, `yamllint==1.33.*`), as written and as pipx normalises it.
public enum PipxVenvName {
    /// The request's package name, as written.
    public static func bare(_ package: String) -> String { ToolParameters.unpinned(package, installer: .pipx) }

    /// The names pipx's venv may have: as written, and lowercased with `_` as `-`.
    public static func candidates(_ package: String) -> Set<String> {
        let bare = bare(package)
        return [bare, bare.lowercased().replacingOccurrences(of: "_", with: "-")]
    }

    /// The directories pipx keeps its venvs in, as pipx picks them: `$PIPX_HOME/venvs`, else its current and its
    /// older default home's.
    private static func venvDirectories(environment: [String: String], userHome: String) -> [String] {
        (environment["PIPX_HOME"].map { [$0] } ?? [userHome + "/.local/share/pipx", userHome + "/.local/pipx"]).map { $0 + "/venvs" }
    }

    /// The file pipx writes into a venv once it has made it whole (`pipx_metadata.json`).
    public static let metadataFile = "pipx_metadata.json"

    /// Every place a whole venv for `package` would have pipx's metadata file, in the order pipx looks.
    public static func metadataPaths(_ package: String, environment: [String: String], userHome: String) -> [String] {
        venvDirectories(environment: environment, userHome: userHome).flatMap { directory in
            candidates(package).sorted().map { directory + "/" + $0 + "/" + metadataFile }
        }
    }

    /// The venv directory pipx has for `package`, or nil when it has none (`pipx uninstall` answers "Nothing to
    /// uninstall"), whether or not the venv is whole.
    public static func venv(_ package: String, environment: [String: String], userHome: String, exists: (String) -> Bool) -> String? {
        for directory in venvDirectories(environment: environment, userHome: userHome) {
            for name in candidates(package).sorted() where exists(directory + "/" + name) { return directory + "/" + name }
        }
        return nil
    }
}
