/// What one step changed in a package manager's set of packages, read before and after it ran (dpkg's
/// database for apt, pipx's venvs): an uninstall undoes exactly this and nothing the machine had before.
public struct PackageSetChange: Hashable, Codable, Sendable {
    public var manager: PackageManager
    /// Packages installed by the step that were not installed before (the tool's own and what came with it).
    public var added: [String]
    /// Of `added`, those whose configuration files were already on the machine (dpkg's `rc` state): the user's
    /// configuration, so an uninstall removes these packages and keeps their configuration (never purges).
    public var hadConfig: [String]
    /// Packages installed before that the step removed (a conflicting package).
    public var removed: [String]

    public init(manager: PackageManager, added: [String], hadConfig: [String] = [], removed: [String] = []) {
        self.manager = manager
        self.added = added
        self.hadConfig = hadConfig
        self.removed = removed
    }

    /// Nothing changed.
    public var isEmpty: Bool { added.isEmpty && removed.isEmpty }
}
