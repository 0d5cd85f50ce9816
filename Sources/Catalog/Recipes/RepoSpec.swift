import InstallModel

/// A third-party package repository (signing key plus source entry) shared by recipes, from `repos.yaml`.
public struct RepoSpec: Hashable, Sendable {
    /// Names the `repo_setup` step (`repo-docker`).
    public var name: String
    public var manager: PackageManager
    /// The key this variant has in repos.yaml: a package manager or a distribution id (`ubuntu`).
    public var variantKey: String
    /// Templates may hold `{arch}`, `{codename}`, `{distro}`, `{os_version}`, `{os_major}`.
    public var keyURL: String?
    /// The fingerprints the key at `keyURL` must have (`key_fingerprint:`), upper-case hex; checked before it is trusted.
    public var keyFingerprints: [String]
    public var keyringPath: String?
    public var sourceEntry: String?
    public var sourcePath: String?
    public var ppa: String?
    /// Fills `{channel}` (`1.32` in pkgs.k8s.io's `/v{channel}/` path): from `tool@version`, else the package entry.
    public var channel: String?
    public var origin: SourceLocation

    public init(
        name: String, manager: PackageManager, variantKey: String, keyURL: String? = nil, keyFingerprints: [String] = [], keyringPath: String? = nil,
        sourceEntry: String? = nil, sourcePath: String? = nil, ppa: String? = nil, origin: SourceLocation
    ) {
        self.name = name
        self.manager = manager
        self.variantKey = variantKey
        self.keyURL = keyURL
        self.keyFingerprints = keyFingerprints
        self.keyringPath = keyringPath
        self.sourceEntry = sourceEntry
        self.sourcePath = sourcePath
        self.ppa = ppa
        self.origin = origin
    }
}

/// One repository as set up for each package manager or distribution that can use it.
public struct RepoFamily: Hashable, Sendable {
    public var name: String
    /// Keyed like package entries: a distribution id wins over a package-manager name.
    public var variants: [String: RepoSpec]

    public init(name: String, variants: [String: RepoSpec]) {
        self.name = name
        self.variants = variants
    }
}

extension RepoFamily {
    /// The variant for a distribution (or the one it follows, Rocky → RHEL), else the package manager's.
    public func variant(for profile: SystemProfile, manager: PackageManager) -> RepoSpec? {
        for key in CatalogVocabulary.entryKeys(for: profile) {
            if let variant = variants[key] { return variant }
        }
        return variants[manager.rawValue]
    }
}
