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
    /// Packages installed before that the step's own transaction upgraded (apt pulled a newer version in for the
    /// tool): the machine had them, so an uninstall leaves them.
    public var upgraded: [PackageUpgrade]
    /// Packages that appeared while the step ran but that another apt or dpkg run installed (apt's history has
    /// them under another command line): not the step's, never removed by its uninstall.
    public var installedByOthers: [String]
    /// apt's history could not be read, so `added` is every package that appeared while the step ran (the
    /// before/after difference), which may hold what another apt or dpkg run installed meanwhile.
    public var byDifference: Bool

    public init(
        manager: PackageManager, added: [String], hadConfig: [String] = [], removed: [String] = [],
        upgraded: [PackageUpgrade] = [], installedByOthers: [String] = [], byDifference: Bool = false
    ) {
        self.manager = manager
        self.added = added
        self.hadConfig = hadConfig
        self.removed = removed
        self.upgraded = upgraded
        self.installedByOthers = installedByOthers
        self.byDifference = byDifference
    }

    /// Nothing changed.
    public var isEmpty: Bool { added.isEmpty && removed.isEmpty && upgraded.isEmpty && installedByOthers.isEmpty }

    private enum CodingKeys: String, CodingKey { case manager, added, hadConfig, removed, upgraded, installedByOthers, byDifference }

    /// Logs of older evlogs have no `upgraded`, `installedByOthers` and `byDifference`: empty and false then.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        manager = try c.decode(PackageManager.self, forKey: .manager)
        added = try c.decode([String].self, forKey: .added)
        hadConfig = try c.decodeIfPresent([String].self, forKey: .hadConfig) ?? []
        removed = try c.decodeIfPresent([String].self, forKey: .removed) ?? []
        upgraded = try c.decodeIfPresent([PackageUpgrade].self, forKey: .upgraded) ?? []
        installedByOthers = try c.decodeIfPresent([String].self, forKey: .installedByOthers) ?? []
        byDifference = try c.decodeIfPresent(Bool.self, forKey: .byDifference) ?? false
    }

    /// The newer fields are written only when they hold something (`byDifference` only when true), so a change of
    /// an older kind is written as before.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(manager, forKey: .manager)
        try c.encode(added, forKey: .added)
        try c.encode(hadConfig, forKey: .hadConfig)
        try c.encode(removed, forKey: .removed)
        if !upgraded.isEmpty { try c.encode(upgraded, forKey: .upgraded) }
        if !installedByOthers.isEmpty { try c.encode(installedByOthers, forKey: .installedByOthers) }
        if byDifference { try c.encode(true, forKey: .byDifference) }
    }
}

/// A package a step's transaction moved to another version (`libfoo 1.2 → 1.3`).
public struct PackageUpgrade: Hashable, Codable, Sendable, CustomStringConvertible {
    public var package: String
    public var from: String
    public var to: String

    public init(package: String, from: String, to: String) {
        self.package = package
        self.from = from
        self.to = to
    }

    /// `libfoo 1.2→1.3`.
    public var description: String { "\(package) \(from)→\(to)" }
}
