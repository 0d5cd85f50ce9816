import InstallModel
import PathSafety

/// Where the copy of a command that one install made lives, so that a question about that install (`outdated`:
/// which version is it?) goes to its own copy, not to whichever copy of a tool installed twice is first on PATH.
public enum RecordedCopy {
    /// Where system package managers put commands.
    public static let systemDirectories = "/usr/bin:/usr/sbin:/bin:/sbin"

    /// The version line of the copy installed as `how` (see `InstalledVersion.probe`) and the command that printed
    /// it; nil when that copy is not there.
    public static func version(
        of recipe: Recipe, installedAs how: InstallKind, home: String, path: String, systemDirectories: String = RecordedCopy.systemDirectories
    ) -> (line: String, command: String)? {
        let directories = searchPath(how, home: home, systemDirectories: systemDirectories, path: path)
        for binary in Resolver.binaries(of: recipe) {
            guard let command = ProgramSearch.find(binary, path: directories),
                let line = InstalledVersion.probe(recipe, binary: command, with: PathInstalledProbe(searchPath: directories))
            else { continue }
            return (line, command)
        }
        return nil
    }

    /// The directories to look for the command of a copy installed as `how`: a placed file's own directory, the
    /// installer's bin directory (`~/.local/bin` for pipx), the system's for a system package (`/snap/bin` for
    /// snap); `path` (the caller's PATH) for Homebrew, whose prefix varies. `~` is `home`.
    public static func searchPath(_ how: InstallKind, home: String, systemDirectories: String = RecordedCopy.systemDirectories, path: String) -> String {
        func expanded(_ path: String) -> String { path.hasPrefix("~/") ? home + path.dropFirst(1) : path }
        switch how {
        case .file(let file):
            let full = expanded(file)
            return full.lastIndex(of: "/").map { String(full[..<$0]) } ?? path
        case .language(let installer, _):
            return LifecyclePlanner.userBinDirectory(of: installer).map(expanded) ?? path
        case .packages(.brew, _):
            return path
        case .packages(.snap, _):
            return "/snap/bin"
        case .packages:
            return systemDirectories
        }
    }
}
