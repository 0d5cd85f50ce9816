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
        guard inside(keyringDirectories, path) else { return "is not a file directly in \(keyringDirectories.joined(separator: " or "))" }
        return distributionsOwn(path)
    }

    /// The name ending a manager reads a source file in its directory by, for the entry evlog writes there: apt's
    /// one-line `deb …` entries in `.list` (a `.sources` file is deb822, where such a line breaks `apt-get update` for
    /// the whole machine; any other name apt ignores), dnf's, yum's and zypper's `.repo`.
    static func sourceFileEnding(for manager: PackageManager) -> String? {
        switch manager {
        case .apt: ".list"
        case .dnf, .yum, .zypper: ".repo"
        default: nil
        }
    }

    static func problem(withSourcePath path: String, for manager: PackageManager) -> String? {
        if inside(sourceDirectories(for: manager), path), let problem = distributionsOwn(path) { return problem }
        if inside(sourceDirectories(for: manager), path), let ending = sourceFileEnding(for: manager), !path.hasSuffix(ending) {
            let deb822 = manager == .apt && path.hasSuffix(".sources") ? ", which apt reads as deb822 (the one-line entry evlog writes would break apt-get update)" : ""
            return "does not end in '\(ending)'\(deb822); \(manager.rawValue) reads the entry evlog writes only from a '\(ending)' file"
        }
        if sourceFiles(for: manager).contains(path) || inside(sourceDirectories(for: manager), path) { return nil }
        let places = (sourceDirectories(for: manager) + sourceFiles(for: manager)).joined(separator: " or ")
        return places.isEmpty ? "is not used by \(manager.rawValue)" : "is not a file directly in \(places)"
    }

    /// What is wrong with `path` as a repository file evlog wrote whole (and so may remove): one in its manager's
    /// source directory, never a file all repositories share (apk's `repositories`, `pacman.conf`).
    static func problem(withRepositoryFile path: String, for manager: PackageManager) -> String? {
        guard inside(sourceDirectories(for: manager), path) else { return "is not a file directly in a source directory of \(manager.rawValue)" }
        return problem(withSourcePath: path, for: manager)
    }

    /// The distribution's own keyrings and source files (`ubuntu-archive-keyring.gpg`, `debian-archive-*.gpg`,
    /// `debian.sources`, `sources.list`): a file named for a distribution, which a repository may never replace.
    private static func distributionsOwn(_ path: String) -> String? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let stem = name.split(separator: ".").first.map(String.init) ?? name
        let owner = stem.split(separator: "-").first.map(String.init) ?? stem
        guard CatalogVocabulary.distributions.union(["opensuse", "raspbian"]).contains(owner) || ["sources", "trusted"].contains(stem) else { return nil }
        return "is the distribution's own file (or named like one); a repository's files are new files named for it"
    }

    private static func inside(_ directories: [String], _ path: String) -> Bool {
        directories.contains { directory in
            path.hasPrefix(directory) && GrammarText.isPlainFileName(path.dropFirst(directory.count))
        }
    }
}
