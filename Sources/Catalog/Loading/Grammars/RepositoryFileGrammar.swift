import InstallModel

/// Where a repository's files may go: an apt keyring under `/etc/apt/keyrings/` or `/usr/share/keyrings/`; a source
/// file in its manager's own directory (`/etc/apt/sources.list.d/`, `/etc/yum.repos.d/`, `/etc/zypp/repos.d/`), or
/// apk's and pacman's one list. Always one plain file name in that directory, so never `..`.
enum RepositoryFileGrammar {
    static let keyringDirectories = ["/etc/apt/keyrings/", "/usr/share/keyrings/"]

    static func sourceDirectories(for manager: PackageManager) -> [String] {
        switch manager {
        case .apt: ["/etc/apt/sources.list.d/"]
        case .dnf, .yum: ["/etc/yum.repos.d/"]
        case .zypper: ["/etc/zypp/repos.d/"]
        case .pacman: ["/etc/pacman.d/"]
        default: []
        }
    }

    /// Single files a manager's sources may be appended to.
    static func sourceFiles(for manager: PackageManager) -> [String] {
        switch manager {
        case .apk: ["/etc/apk/repositories"]
        case .pacman: ["/etc/pacman.conf"]
        default: []
        }
    }

    static func problem(withKeyring path: String) -> String? {
        inside(keyringDirectories, path) ? nil : "is not a file directly in \(keyringDirectories.joined(separator: " or "))"
    }

    static func problem(withSourcePath path: String, for manager: PackageManager) -> String? {
        if sourceFiles(for: manager).contains(path) || inside(sourceDirectories(for: manager), path) { return nil }
        let places = (sourceDirectories(for: manager) + sourceFiles(for: manager)).joined(separator: " or ")
        return places.isEmpty ? "is not used by \(manager.rawValue)" : "is not a file directly in \(places)"
    }

    private static func inside(_ directories: [String], _ path: String) -> Bool {
        directories.contains { directory in
            path.hasPrefix(directory) && GrammarText.isPlainFileName(path.dropFirst(directory.count))
        }
    }
}
